package dev.atenea.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;

/**
 * Media in a Google Cloud Storage bucket, under an optional prefix. Files are served
 * through the server, like local ones, so only the owner of an item can read it and no
 * signed URL ever leaves the server (see the README for why not signed URLs).
 *
 * <p>
 * Object names are the prefix, which comes from configuration, and a key that
 * {@link MediaStore#requireValidKey} has checked: never anything a user typed.
 */
public class GcsMediaStore implements MediaStore {

	private final Storage storage;

	private final String bucket;

	private final String prefix;

	public GcsMediaStore(Storage storage, String bucket, String prefix) {
		this.storage = storage;
		this.bucket = bucket;
		this.prefix = prefix;
	}

	/**
	 * Uploads the file, then deletes it: the store owns the media from then on.
	 */
	@Override
	public StoredMedia store(String key, Path file, String contentType) throws IOException {
		BlobInfo blob = BlobInfo.newBuilder(blobId(key)).setContentType(contentType).build();
		long size = Files.size(file);
		try {
			this.storage.createFrom(blob, file);
		}
		catch (StorageException ex) {
			throw new IOException("Could not upload " + key + " to bucket " + this.bucket, ex);
		}
		Files.deleteIfExists(file);
		return new StoredMedia(key, contentType, size);
	}

	@Override
	public Optional<Resource> open(String key) {
		BlobId id = blobId(key);
		Blob blob = this.storage.get(id);
		return (blob != null) ? Optional.of(new BlobResource(this.storage, id, blob.getSize())) : Optional.empty();
	}

	@Override
	public void delete(String key) throws IOException {
		try {
			this.storage.delete(blobId(key));
		}
		catch (StorageException ex) {
			throw new IOException("Could not delete " + key + " from bucket " + this.bucket, ex);
		}
	}

	String objectName(String key) {
		return this.prefix + MediaStore.requireValidKey(key);
	}

	private BlobId blobId(String key) {
		return BlobId.of(this.bucket, objectName(key));
	}

	/**
	 * A stored object read as a stream, opened anew each time it is asked for, so byte
	 * ranges can be served from it.
	 */
	static final class BlobResource extends AbstractResource {

		private final Storage storage;

		private final BlobId id;

		private final long size;

		BlobResource(Storage storage, BlobId id, long size) {
			this.storage = storage;
			this.id = id;
			this.size = size;
		}

		@Override
		public InputStream getInputStream() {
			return Channels.newInputStream(this.storage.reader(this.id));
		}

		@Override
		public long contentLength() {
			return this.size;
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public String getFilename() {
			String name = this.id.getName();
			return name.substring(name.lastIndexOf('/') + 1);
		}

		@Override
		public String getDescription() {
			return "gs://" + this.id.getBucket() + "/" + this.id.getName();
		}

	}

}
