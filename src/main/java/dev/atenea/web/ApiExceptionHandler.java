package dev.atenea.web;

import java.util.Map;

import dev.atenea.generation.ItemNotFoundException;
import dev.atenea.generation.TaskConflictException;
import dev.atenea.generation.TaskNotFoundException;
import dev.atenea.generation.ValidationException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every failure of an API call in the contract's error shape. Bad input is
 * answered with 4xx and logged at DEBUG; only defects reach 500, logged once with their
 * stack.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<ApiError> apiException(ApiException ex) {
		return answer(ex.status(), ex.code(), ex.getMessage(), ex.fields());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> invalid(ValidationException ex) {
		return answer(HttpStatus.UNPROCESSABLE_CONTENT, "invalid", "Some fields are not valid.", ex.fields());
	}

	@ExceptionHandler({ ItemNotFoundException.class, TaskNotFoundException.class, NoResourceFoundException.class })
	ResponseEntity<ApiError> notFound(Exception ex) {
		return answer(HttpStatus.NOT_FOUND, "not_found", "Not found.", Map.of());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> conflict(TaskConflictException ex) {
		return answer(HttpStatus.CONFLICT, "conflict", ex.getMessage(), Map.of());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex) {
		if (BodySizeLimitFilter.isTooLarge(ex)) {
			return answer(HttpStatus.CONTENT_TOO_LARGE, "too_large", BodySizeLimitFilter.TOO_LARGE_MESSAGE, Map.of());
		}
		String message = (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing"))
				? "A JSON request body is required." : "Malformed JSON.";
		return answer(HttpStatus.BAD_REQUEST, "malformed_request", message, Map.of());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send the body as application/json.",
				Map.of());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return answer(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This resource answers application/json.", Map.of());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		return answer(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
				"Method " + ex.getMethod() + " is not allowed here.", Map.of());
	}

	@ExceptionHandler
	ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException ex) {
		return answer(HttpStatus.BAD_REQUEST, "malformed_request",
				"Parameter " + ex.getParameterName() + " is required.", Map.of());
	}

	/**
	 * A path variable that is not a uuid names nothing that exists: 404. A query
	 * parameter of the wrong type is an invalid field: 422.
	 */
	@ExceptionHandler
	ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException ex) {
		if (ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
			return answer(HttpStatus.NOT_FOUND, "not_found", "Not found.", Map.of());
		}
		return answer(HttpStatus.UNPROCESSABLE_CONTENT, "invalid", "Some fields are not valid.",
				Map.of(ex.getName(), "Not a valid value."));
	}

	/**
	 * Redis or the database not answering is an outage, not a defect: 503 with a hint to
	 * come back, and one line in the log without a stack trace.
	 */
	@ExceptionHandler({ RedisException.class, DataAccessResourceFailureException.class })
	ResponseEntity<ApiError> unavailable(Exception ex) {
		if (ex instanceof RedisCommandExecutionException) {
			return defect(ex);
		}
		logger.warn("Answering 503, a backing service is unavailable: {}", ex.toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(ApiError.of("unavailable", "A service Atenea depends on is not answering; try again shortly.",
					Map.of()));
	}

	@ExceptionHandler
	ResponseEntity<ApiError> defect(Exception ex) {
		logger.error("Unexpected error answering an API call", ex);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"Something went wrong on our side; nothing was changed.", Map.of());
	}

	static ResponseEntity<ApiError> answer(HttpStatus status, String code, String message, Map<String, String> fields) {
		return ResponseEntity.status(status).body(ApiError.of(code, message, fields));
	}

}
