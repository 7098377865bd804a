package dev.atenea.web;

import java.util.UUID;

import dev.atenea.generation.Item;
import dev.atenea.generation.ItemService;
import dev.atenea.provider.MediaKind;
import dev.atenea.storage.MediaStore;
import dev.atenea.user.AuthenticatedUser;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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
	ResponseEntity<Resource> file(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind,
			@PathVariable UUID uuid) {
		Item item = this.items.findOwned(user.id(), MediaKind.fromPlural(kind), uuid)
			.filter(Item::hasOutput)
			.orElseThrow(ApiException::notFound);
		Resource file = this.store.open(item.outputKey()).orElseThrow(ApiException::notFound);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(item.outputContentType()))
			.cacheControl(CacheControl.noCache().cachePrivate())
			.header("X-Content-Type-Options", "nosniff")
			.body(file);
	}

}
