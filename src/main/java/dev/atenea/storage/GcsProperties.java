package dev.atenea.storage;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Google Cloud Storage backend, used when {@code atenea.storage} (
 * {@code ATENEA_STORAGE}) is {@code gcs}. Credentials come from Google's Application
 * Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, or the metadata server on
 * Google Cloud).
 *
 * @param bucket the bucket, set by {@code GCS_BUCKET}; required with {@code gcs}
 * @param prefix a folder inside the bucket for Atenea's objects, empty or ending in
 * {@code /}
 * @param projectId the Google Cloud project, when Application Default Credentials do not
 * name it
 */
@Validated
@ConfigurationProperties("atenea.gcs")
public record GcsProperties(String bucket,
		@DefaultValue("") @Pattern(regexp = "([A-Za-z0-9._-]+/)*", message = "must be empty or end in /") String prefix,
		String projectId) {

}
