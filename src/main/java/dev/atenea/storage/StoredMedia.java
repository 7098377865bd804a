package dev.atenea.storage;

/**
 * A file in the media store.
 *
 * @param key where it is, e.g. {@code images/<item uuid>/<task uuid>.png}
 * @param contentType its MIME type
 * @param size its length in bytes
 */
public record StoredMedia(String key, String contentType, long size) {
}
