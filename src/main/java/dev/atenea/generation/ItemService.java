package dev.atenea.generation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderRegistry;
import dev.atenea.system.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and reading items. An item is checked against its provider's
 * {@link ProviderDescriptor} when created, and stored with every option resolved, so what
 * it will be made with is visible before it is generated.
 */
@Service
public class ItemService {

	public static final int MAX_PROMPT_LENGTH = 4000;

	public static final int MAX_TITLE_LENGTH = 200;

	public static final String DEFAULT_PROVIDER = "local";

	public static final int MIN_SIDE = 64;

	private static final int DEFAULT_SIDE = 512;

	private static final int TITLE_FROM_PROMPT_LENGTH = 60;

	private final ItemRepository items;

	private final ProviderRegistry providers;

	private final Clock clock;

	ItemService(ItemRepository items, ProviderRegistry providers, Clock clock) {
		this.items = items;
		this.providers = providers;
		this.clock = clock;
	}

	/**
	 * Creates an item in {@code draft}.
	 * @throws ValidationException naming each field that is not acceptable
	 */
	@Transactional
	public Item create(long userId, MediaKind kind, ItemDraft draft) {
		return this.items.insert(kind, userId, resolve(kind, draft), this.clock.instant());
	}

	@Transactional(readOnly = true)
	public Optional<Item> findOwned(long userId, MediaKind kind, UUID uuid) {
		return this.items.findOwned(kind, uuid, userId);
	}

	@Transactional(readOnly = true)
	public Page<Item> findNewest(long userId, MediaKind kind, int offset, int limit) {
		return new Page<>(this.items.countOwned(kind, userId), this.items.findNewestOwned(kind, userId, offset, limit));
	}

	private ItemDraft resolve(MediaKind kind, ItemDraft draft) {
		Map<String, String> errors = new LinkedHashMap<>();
		String prompt = (draft.prompt() != null) ? draft.prompt().strip() : "";
		if (prompt.isEmpty()) {
			errors.put(promptField(kind), "This field may not be blank.");
		}
		else if (prompt.length() > MAX_PROMPT_LENGTH) {
			errors.put(promptField(kind), "Ensure this field has no more than " + MAX_PROMPT_LENGTH + " characters.");
		}
		String title = (draft.title() != null) ? draft.title().strip() : "";
		if (title.length() > MAX_TITLE_LENGTH) {
			errors.put("title", "Ensure this field has no more than " + MAX_TITLE_LENGTH + " characters.");
		}
		String providerName = isBlank(draft.provider()) ? DEFAULT_PROVIDER : draft.provider().strip();
		ProviderDescriptor provider = this.providers.find(kind, providerName).map((p) -> p.descriptor()).orElse(null);
		if (provider == null) {
			errors.put("provider", "'" + abbreviate(providerName) + "' is not an available " + kind.singular()
					+ " provider; available: " + names(this.providers.descriptors(kind)) + ".");
			throw new ValidationException(errors);
		}
		String model = isBlank(draft.model()) ? provider.defaultModel() : draft.model().strip();
		if (!provider.models().isEmpty() && !provider.models().contains(model)) {
			errors.put("model", "'" + abbreviate(model) + "' is not a model of " + provider.name() + "; choose one of "
					+ provider.models() + ".");
		}
		Map<String, Object> params = resolveParams(kind, provider, draft.params(), errors);
		if (!errors.isEmpty()) {
			throw new ValidationException(errors);
		}
		return new ItemDraft(title.isEmpty() ? titleFrom(prompt) : title, prompt, providerName, model, params);
	}

	private Map<String, Object> resolveParams(MediaKind kind, ProviderDescriptor provider, Map<String, Object> given,
			Map<String, String> errors) {
		Map<String, Object> params = new LinkedHashMap<>();
		switch (kind) {
			case VIDEO -> {
				params.put("duration_seconds",
						oneOf(given, "duration_seconds", provider, provider.durationsSeconds(), errors));
				params.put("aspect_ratio", oneOf(given, "aspect_ratio", provider, provider.aspectRatios(), errors));
			}
			case IMAGE -> {
				params.put("width", side(given, "width", provider, errors));
				params.put("height", side(given, "height", provider, errors));
			}
			case AUDIO -> params.put("voice", oneOf(given, "voice", provider, provider.voices(), errors));
		}
		params.values().removeIf((value) -> value == null);
		return params;
	}

	/**
	 * The given value when the provider offers it, the provider's default when none is
	 * given.
	 */
	private static Object oneOf(Map<String, Object> given, String name, ProviderDescriptor provider, List<?> choices,
			Map<String, String> errors) {
		Object value = given.get(name);
		if (value == null) {
			return provider.defaults().getOrDefault(name, choices.isEmpty() ? null : choices.get(0));
		}
		if (!choices.contains(value)) {
			errors.put(name, "Choose one of " + choices + ".");
		}
		return value;
	}

	private static Object side(Map<String, Object> given, String name, ProviderDescriptor provider,
			Map<String, String> errors) {
		Object value = given.get(name);
		int maxSide = provider.maxSide();
		if (value == null) {
			return provider.defaults().getOrDefault(name, Math.min(DEFAULT_SIDE, maxSide));
		}
		if (!(value instanceof Integer side) || side < MIN_SIDE || side > maxSide) {
			errors.put(name, "Ensure this value is an integer between " + MIN_SIDE + " and " + maxSide + ".");
			return null;
		}
		return side;
	}

	private static String titleFrom(String prompt) {
		String line = prompt.lines().findFirst().orElse("").strip();
		return (line.length() > TITLE_FROM_PROMPT_LENGTH) ? line.substring(0, TITLE_FROM_PROMPT_LENGTH - 1) + "…"
				: line;
	}

	private static String promptField(MediaKind kind) {
		return (kind == MediaKind.AUDIO) ? "text" : "prompt";
	}

	private static String names(List<ProviderDescriptor> descriptors) {
		return String.join(", ", descriptors.stream().map(ProviderDescriptor::name).toList());
	}

	private static String abbreviate(String text) {
		return (text.length() > 50) ? text.substring(0, 50) + "…" : text;
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

}
