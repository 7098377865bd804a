package dev.atenea.provider;

import java.nio.file.Path;

/**
 * A finished media file written by a provider into one of its call's work files. The
 * caller moves it into storage and owns it from then on.
 *
 * @param file the file, one of the request's {@link WorkFiles}
 * @param contentType its MIME type, e.g. {@code image/png}
 * @param extension the file extension without a dot, e.g. {@code png}
 */
public record GeneratedMedia(Path file, String contentType, String extension) {
}
