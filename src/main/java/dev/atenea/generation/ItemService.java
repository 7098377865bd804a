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
		return create(userId, kind, draft, Map.of());
	}

	/**
	 * Creates an item in {@code draft}, given the fields the caller could not even read
	 * (a number that is not one), so one answer names every wrong field.
	 * @throws ValidationException naming each field that is not acceptable
	 */
	@Transactional
	public Item create(long userId, MediaKind kind, ItemDraft draft, Map<String, String> unreadableFields) {
		return this.items.insert(kind, userId, resolve(kind, draft, unreadableFields), this.clock.instant());
	}

	@Transactional(readOnly = true)
	public Optional<Item> findOwned(long userId, MediaKind kind, UUID uuid) {
		return this.items.findOwned(kind, uuid, userId);
	}

	@Transactional(readOnly = true)
	public Page<Item> findNewest(long userId, MediaKind kind, int offset, int limit) {
		return new Page<>(this.items.countOwned(kind, userId), this.items.findNewestOwned(kind, userId, offset, limit));
	}

	private ItemDraft resolve(MediaKind kind, ItemDraft draft, Map<String, String> unreadableFields) {
		Map<String, String> errors = new LinkedHashMap<>(unreadableFields);
		String prompt = (draft.prompt() != null) ? draft.prompt().strip() : "";
		if (prompt.isEmpty()) {
			errors.putIfAbsent(promptField(kind), "This field may not be blank.");
		}
		else {
			checkText(promptField(kind), prompt, MAX_PROMPT_LENGTH, errors);
		}
		String title = (draft.title() != null) ? draft.title().strip() : "";
		checkText("title", title, MAX_TITLE_LENGTH, errors);
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

	/**
	 * Lengths count characters as people do (code points, so an emoji is one), and text
	 * must be well-formed Unicode: a lone surrogate cannot be stored in PostgreSQL and
	 * would make the JSON answers unreadable.
	 */
	private static void checkText(String field, String text, int maxLength, Map<String, String> errors) {
		if (!isWellFormed(text)) {
			errors.putIfAbsent(field,
					"Contains an invalid character (an unpaired surrogate); send valid Unicode text.");
		}
		else if (text.indexOf('\0') >= 0) {
			errors.putIfAbsent(field, "Must not contain NUL characters.");
		}
		else if (text.codePointCount(0, text.length()) > maxLength) {
			errors.putIfAbsent(field, "Ensure this field has no more than " + maxLength + " characters.");
		}
	}

	private static boolean isWellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static String titleFrom(String prompt) {
		String line = prompt.lines().findFirst().orElse("").strip();
		if (line.codePointCount(0, line.length()) <= TITLE_FROM_PROMPT_LENGTH) {
			return line;
		}
		return line.substring(0, line.offsetByCodePoints(0, TITLE_FROM_PROMPT_LENGTH - 1)) + "…";
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
