package dev.atenea.provider;

/**
 * The kinds of media Atenea produces. Each item is of one kind, and each provider serves
 * one kind.
 */
public enum MediaKind {

	VIDEO("video", "videos"), IMAGE("image", "images"), AUDIO("audio", "audio");

	private final String singular;

	private final String plural;

	MediaKind(String singular, String plural) {
		this.singular = singular;
		this.plural = plural;
	}

	/**
	 * The name used in task types and JSON, e.g. {@code video}.
	 */
	public String singular() {
		return this.singular;
	}

	/**
	 * The name used in URLs, e.g. {@code videos}.
	 */
	public String plural() {
		return this.plural;
	}

	public static MediaKind fromPlural(String plural) {
		for (MediaKind kind : values()) {
			if (kind.plural.equals(plural)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown media kind: " + plural);
	}

	public static MediaKind fromSingular(String singular) {
		for (MediaKind kind : values()) {
			if (kind.singular.equals(singular)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown media kind: " + singular);
	}

}
