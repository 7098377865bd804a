package dev.atenea.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.atenea.generation.Item;
import dev.atenea.provider.MediaKind;

/**
 * An item as the API shows it. Audio names its prompt {@code text}, as it is sent.
 */
final class ItemView {

	private ItemView() {
	}

	static Map<String, Object> of(Item item) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("uuid", item.uuid());
		view.put("kind", item.kind().singular());
		view.put("title", item.title());
		view.put((item.kind() == MediaKind.AUDIO) ? "text" : "prompt", item.prompt());
		view.put("provider", item.provider());
		view.put("model", item.model());
		view.put("params", item.params());
		view.put("status", item.status().value());
		view.put("output_url", outputUrl(item));
		view.put("error", item.error());
		view.put("created_at", item.createdAt());
		view.put("updated_at", item.updatedAt());
		return view;
	}

	static String outputUrl(Item item) {
		return item.hasOutput() ? "/media/" + item.kind().plural() + "/" + item.uuid() : null;
	}

}
