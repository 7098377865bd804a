package dev.atenea.system;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, with the size of the whole list.
 */
public record Page<T>(long count, List<T> results) {

	public Page {
		results = List.copyOf(results);
	}

	public <R> Page<R> map(Function<T, R> mapper) {
		return new Page<>(this.count, this.results.stream().map(mapper).toList());
	}

}
