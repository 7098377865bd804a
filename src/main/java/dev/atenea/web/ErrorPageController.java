package dev.atenea.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the servlet container shows for an error no controller answered (an unknown path,
 * a failure in a filter): the contract's JSON error for API paths and programs, a page
 * for browsers.
 */
@Controller
class ErrorPageController implements ErrorController {

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	String page(HttpServletRequest request, Model model) {
		HttpStatus status = status(request);
		if (isApi(request)) {
			return "forward:/error/json";
		}
		model.addAttribute("status", status.value());
		model.addAttribute("reason", status.getReasonPhrase());
		return "error";
	}

	@RequestMapping({ "/error", "/error/json" })
	ResponseEntity<ApiError> json(HttpServletRequest request) {
		HttpStatus status = status(request);
		String code = switch (status) {
			case NOT_FOUND -> "not_found";
			case METHOD_NOT_ALLOWED -> "method_not_allowed";
			case UNAUTHORIZED -> "not_authenticated";
			case FORBIDDEN -> "forbidden";
			case CONTENT_TOO_LARGE -> "too_large";
			case BAD_REQUEST -> "malformed_request";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
			case NOT_ACCEPTABLE -> "not_acceptable";
			default -> status.is4xxClientError() ? "client_error" : "internal_error";
		};
		String message = switch (status) {
			case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
			case NOT_ACCEPTABLE -> "This resource answers application/json.";
			default -> status.is5xxServerError() ? "Something went wrong on our side." : status.getReasonPhrase() + ".";
		};
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(ApiError.of(code, message, Map.of()));
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static boolean isApi(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri != null) ? uri.toString() : "";
		return path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/media/");
	}

}
