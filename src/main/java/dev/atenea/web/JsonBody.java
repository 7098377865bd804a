package dev.atenea.web;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body by hand, so that every wrong field is reported
 * at once, with its name, and a number is never taken for a string or the other way
 * round. Missing and {@code null} fields read as absent.
 */
final class JsonBody {

	private final JsonNode body;

	private final Map<String, String> errors = new LinkedHashMap<>();

	private JsonBody(JsonNode body) {
		this.body = body;
	}

	/**
	 * @throws ApiException 400 when the body is not a JSON object
	 */
	static JsonBody of(JsonNode body) {
		if (body == null || body.isMissingNode() || body.isNull()) {
			return new JsonBody(null);
		}
		if (!body.isObject()) {
			throw ApiException.malformed("The request body must be a JSON object.");
		}
		return new JsonBody(body);
	}

	String string(String name, int maxLength) {
		JsonNode value = field(name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			this.errors.put(name, "Must be a string.");
			return null;
		}
		String text = value.asString();
		if (text.codePointCount(0, text.length()) > maxLength) {
			this.errors.put(name, "Ensure this field has no more than " + maxLength + " characters.");
			return null;
		}
		if (text.indexOf('\0') >= 0) {
			this.errors.put(name, "Must not contain NUL characters.");
			return null;
		}
		return text;
	}

	String requiredString(String name, int maxLength) {
		String text = string(name, maxLength);
		if (text == null && !this.errors.containsKey(name)) {
			this.errors.put(name, "This field is required.");
		}
		else if (text != null && text.isBlank()) {
			this.errors.put(name, "This field may not be blank.");
		}
		return text;
	}

	Integer integer(String name, int min, int max) {
		JsonNode value = field(name);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			this.errors.put(name, "Must be an integer.");
			return null;
		}
		int number = value.asInt();
		if (number < min || number > max) {
			this.errors.put(name, "Ensure this value is between " + min + " and " + max + ".");
			return null;
		}
		return number;
	}

	/**
	 * The fields read so far that were wrong, by name.
	 */
	Map<String, String> errors() {
		return Map.copyOf(this.errors);
	}

	/**
	 * @throws ApiException 422 naming every field read so far that was wrong
	 */
	void requireValid() {
		if (!this.errors.isEmpty()) {
			throw ApiException.invalid(this.errors);
		}
	}

	private JsonNode field(String name) {
		if (this.body == null) {
			return null;
		}
		JsonNode value = this.body.get(name);
		return (value == null || value.isNull()) ? null : value;
	}

}
