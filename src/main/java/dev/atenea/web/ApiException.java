package dev.atenea.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An API answer other than success, in the contract's error shape.
 */
class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, String> fields;

	ApiException(HttpStatus status, String code, String message, Map<String, String> fields) {
		super(message);
		this.status = status;
		this.code = code;
		this.fields = Map.copyOf(fields);
	}

	static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "not_found", "Not found.", Map.of());
	}

	static ApiException malformed(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "malformed_request", message, Map.of());
	}

	static ApiException invalid(Map<String, String> fields) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid", "Some fields are not valid.", fields);
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	Map<String, String> fields() {
		return this.fields;
	}

}
