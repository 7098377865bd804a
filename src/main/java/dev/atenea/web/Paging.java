package dev.atenea.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atenea.system.Page;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code ?page=&page_size=} of a list call, and the list answer: {@code {count, next,
 * previous, results}}.
 */
record Paging(int page, int pageSize) {

	static final int DEFAULT_PAGE_SIZE = 20;

	static final int MAX_PAGE_SIZE = 100;

	/**
	 * @throws ApiException 422 when either parameter is not a number in range
	 */
	static Paging of(String page, String pageSize) {
		Map<String, String> errors = new LinkedHashMap<>();
		int pageNumber = parse(page, 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, "page", errors);
		int size = parse(pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "page_size", errors);
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return new Paging(pageNumber, size);
	}

	int offset() {
		return (this.page - 1) * this.pageSize;
	}

	<T> Map<String, Object> answer(Page<T> page) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", page.count());
		body.put("next", ((long) this.page * this.pageSize < page.count()) ? link(this.page + 1) : null);
		// past the end, "previous" leads back to the last page rather than one more empty
		long lastPage = Math.max(1, (page.count() + this.pageSize - 1) / this.pageSize);
		body.put("previous", (this.page > 1) ? link((int) Math.min(this.page - 1, lastPage)) : null);
		body.put("results", page.results());
		return body;
	}

	<T> Map<String, Object> answer(List<T> results) {
		return answer(new Page<>(results.size(), results));
	}

	private String link(int pageNumber) {
		return ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("page", pageNumber)
			.replaceQueryParam("page_size", this.pageSize)
			.build()
			.toUriString();
	}

	private static int parse(String value, int defaultValue, int min, int max, String name,
			Map<String, String> errors) {
		if (value == null || value.isEmpty()) {
			return defaultValue;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.put(name, "Must be an integer between " + min + " and " + max + ".");
		return defaultValue;
	}

}
