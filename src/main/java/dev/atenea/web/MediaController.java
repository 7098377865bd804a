package dev.atenea.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import dev.atenea.generation.Item;
import dev.atenea.generation.ItemService;
import dev.atenea.provider.MediaKind;
import dev.atenea.storage.MediaStore;
import dev.atenea.user.AuthenticatedUser;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /media/{kind}/{uuid}}: the item's file, to its owner only. The path names an
 * item, never a file: the stored key comes from the item's row. Byte ranges are served,
 * so players can seek.
 */
@RestController
class MediaController {

	private final ItemService items;

	private final MediaStore store;

	MediaController(ItemService items, MediaStore store) {
		this.items = items;
		this.store = store;
	}

	@GetMapping("/media/{kind:videos|images|audio}/{uuid}")
	ResponseEntity<StreamingResponseBody> file(@AuthenticationPrincipal AuthenticatedUser user,
			@PathVariable String kind, @PathVariable UUID uuid,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range) throws IOException {
		Item item = this.items.findOwned(user.id(), MediaKind.fromPlural(kind), uuid)
			.filter(Item::hasOutput)
			.orElseThrow(ApiException::notFound);
		Resource file = this.store.open(item.outputKey()).orElseThrow(ApiException::notFound);
		long length = file.contentLength();
		List<HttpRange> ranges = parseRanges(range);
		// several ranges at once are rare (players ask for one); HTTP lets us send it all
		if (ranges.size() != 1) {
			return headers(ResponseEntity.ok(), item).contentLength(length).body(copy(file, 0, length));
		}
		long start;
		long end;
		try {
			start = ranges.get(0).getRangeStart(length);
			end = ranges.get(0).getRangeEnd(length);
		}
		catch (IllegalArgumentException ex) {
			start = length;
			end = -1;
		}
		if (start >= length || end < start) {
			return headers(ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE), item)
				.header(HttpHeaders.CONTENT_RANGE, "bytes */" + length)
				.build();
		}
		return headers(ResponseEntity.status(HttpStatus.PARTIAL_CONTENT), item)
			.header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length)
			.contentLength(end - start + 1)
			.body(copy(file, start, end - start + 1));
	}

	private static StreamingResponseBody copy(Resource file, long start, long count) {
		return (out) -> {
			try (InputStream in = file.getInputStream()) {
				in.skipNBytes(start);
				byte[] buffer = new byte[64 * 1024];
				long left = count;
				while (left > 0) {
					int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
					if (read < 0) {
						break;
					}
					out.write(buffer, 0, read);
					left -= read;
				}
			}
		};
	}

	/**
	 * The requested ranges; none when there is no Range header or it cannot be parsed,
	 * which HTTP says to ignore and answer with the whole file.
	 */
	private static List<HttpRange> parseRanges(String range) {
		if (range == null || range.isBlank()) {
			return List.of();
		}
		try {
			return HttpRange.parseRanges(range);
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder builder, Item item) {
		return builder.contentType(MediaType.parseMediaType(item.outputContentType()))
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header("X-Content-Type-Options", "nosniff");
	}

}
