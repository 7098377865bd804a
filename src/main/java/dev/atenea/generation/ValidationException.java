package dev.atenea.generation;

import java.util.Map;

/**
 * A request that names things that do not exist or values a provider does not accept.
 */
public class ValidationException extends RuntimeException {

	private final Map<String, String> fields;

	public ValidationException(Map<String, String> fields) {
		super("Invalid fields: " + fields.keySet());
		this.fields = Map.copyOf(fields);
	}

	/**
	 * Field name to what is wrong with it.
	 */
	public Map<String, String> fields() {
		return this.fields;
	}

}
