package dev.atenea.web;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.atenea.generation.Item;
import dev.atenea.generation.ItemDraft;
import dev.atenea.generation.ItemNotFoundException;
import dev.atenea.generation.ItemService;
import dev.atenea.generation.QueueService;
import dev.atenea.provider.MediaKind;
import dev.atenea.queue.Message;
import dev.atenea.user.AuthenticatedUser;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/videos}, {@code /api/images} and {@code /api/audio}: create, list, read and
 * generate a user's items.
 */
@RestController
@RequestMapping(path = "/api/{kind:videos|images|audio}", produces = MediaType.APPLICATION_JSON_VALUE)
class ItemApiController {

	private static final int MAX_SIDE_INPUT = 100_000;

	private final ItemService items;

	private final QueueService queue;

	ItemApiController(ItemService items, QueueService queue) {
		this.items = items;
		this.queue = queue;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal AuthenticatedUser user,
			@PathVariable String kind, @RequestBody JsonNode body) {
		MediaKind mediaKind = MediaKind.fromPlural(kind);
		JsonBody fields = JsonBody.of(body);
		ItemDraft draft = draft(mediaKind, fields);
		Item item = this.items.create(user.id(), mediaKind, draft, fields.errors());
		return ResponseEntity.created(URI.create("/api/" + kind + "/" + item.uuid())).body(ItemView.of(item));
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind,
			@RequestParam(required = false) String page,
			@RequestParam(name = "page_size", required = false) String pageSize) {
		Paging paging = Paging.of(page, pageSize);
		return paging
			.answer(this.items.findNewest(user.id(), MediaKind.fromPlural(kind), paging.offset(), paging.pageSize())
				.map(ItemView::of));
	}

	@GetMapping("/{uuid}")
	Map<String, Object> read(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind,
			@PathVariable UUID uuid) {
		return ItemView.of(owned(user, kind, uuid));
	}

	/**
	 * Answers 200 with the task, whether it was queued now or was already active.
	 */
	@PostMapping("/{uuid}/generate")
	Map<String, Object> generate(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind,
			@PathVariable UUID uuid, @RequestBody(required = false) JsonNode body) {
		JsonBody fields = JsonBody.of(body);
		Integer priority = fields.integer("priority", Message.MIN_PRIORITY, Message.MAX_PRIORITY);
		fields.requireValid();
		var enqueued = this.queue.enqueueGeneration(MediaKind.fromPlural(kind), uuid, user.id(),
				(priority != null) ? priority : Message.DEFAULT_PRIORITY);
		return Map.of("task", TaskView.of(enqueued.task()));
	}

	private Item owned(AuthenticatedUser user, String kind, UUID uuid) {
		MediaKind mediaKind = MediaKind.fromPlural(kind);
		return this.items.findOwned(user.id(), mediaKind, uuid)
			.orElseThrow(() -> new ItemNotFoundException(mediaKind, uuid));
	}

	/**
	 * Reads what it can; the fields it cannot read are left to the body's errors, which
	 * the item service reports together with its own.
	 */
	private static ItemDraft draft(MediaKind kind, JsonBody body) {
		String promptField = (kind == MediaKind.AUDIO) ? "text" : "prompt";
		String prompt = body.requiredString(promptField, ItemService.MAX_PROMPT_LENGTH);
		String title = body.string("title", ItemService.MAX_TITLE_LENGTH);
		String provider = body.string("provider", 50);
		String model = body.string("model", 100);
		Map<String, Object> params = new HashMap<>();
		switch (kind) {
			case VIDEO -> {
				putIfPresent(params, "duration_seconds", body.integer("duration_seconds", 1, 3600));
				putIfPresent(params, "aspect_ratio", body.string("aspect_ratio", 10));
			}
			case IMAGE -> {
				putIfPresent(params, "width", body.integer("width", 1, MAX_SIDE_INPUT));
				putIfPresent(params, "height", body.integer("height", 1, MAX_SIDE_INPUT));
			}
			case AUDIO -> putIfPresent(params, "voice", body.string("voice", 50));
		}
		return new ItemDraft(title, prompt, provider, model, params);
	}

	private static void putIfPresent(Map<String, Object> params, String name, Object value) {
		if (value != null) {
			params.put(name, value);
		}
	}

}
