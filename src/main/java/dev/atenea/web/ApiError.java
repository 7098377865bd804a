package dev.atenea.web;

import java.util.Map;

/**
 * The contract's error body: {@code {"error": {"code", "message", "fields"}}}.
 */
record ApiError(Detail error) {

	static ApiError of(String code, String message, Map<String, String> fields) {
		return new ApiError(new Detail(code, message, fields));
	}

	record Detail(String code, String message, Map<String, String> fields) {
	}

}
