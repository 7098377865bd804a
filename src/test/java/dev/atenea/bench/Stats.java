package dev.atenea.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles and medians of measured figures.
 */
final class Stats {

	private Stats() {
	}

	/**
	 * The nearest-rank percentile, {@code p} from 0 to 1; NaN for no values.
	 */
	static double percentile(List<Double> values, double p) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int rank = (int) Math.ceil(p * sorted.size());
		return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
	}

	static double median(List<Double> values) {
		List<Double> present = values.stream().filter((v) -> !v.isNaN()).toList();
		if (present.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(present);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
