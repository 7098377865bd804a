package dev.atenea.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * One benchmark's figures side by side: per metric the median of each system over the
 * rounds, the medians of the per-round ratios Atenea/Celery and Atenea/BullMQ, and the
 * project's target for it, met or not.
 */
final class Table {

	private final String title;

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	Table(String title) {
		this.title = title;
	}

	Row row(String metric) {
		Row row = new Row(metric);
		this.rows.add(row);
		return row;
	}

	void note(String note) {
		this.notes.add(note);
	}

	List<Row> rows() {
		return this.rows;
	}

	void print(PrintStream out) {
		out.println();
		out.println("== " + this.title + " ==");
		out.printf(Locale.ROOT, "%-40s %12s %12s %12s %14s %14s  %s%n", "metric", "Atenea", "Celery", "BullMQ",
				"Atenea/Celery", "Atenea/BullMQ", "target");
		for (Row row : this.rows) {
			out.printf(Locale.ROOT, "%-40s %12s %12s %12s %14s %14s  %s%n", row.metric, figure(row.atenea()),
					figure(row.celery()), figure(row.bullmq()), ratio(row.ratio(row.celery)),
					ratio(row.ratio(row.bullmq)), row.verdict());
		}
		for (String note : this.notes) {
			out.println("  note: " + note);
		}
		out.flush();
	}

	private static String figure(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		return (value >= 100) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String ratio(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
	}

	/**
	 * One metric: a figure per round for each system.
	 */
	static final class Row {

		private final String metric;

		private final List<Double> atenea = new ArrayList<>();

		private final List<Double> celery = new ArrayList<>();

		private final List<Double> bullmq = new ArrayList<>();

		private String target = "";

		private Check check;

		private Check compared = () -> true;

		private Row(String metric) {
			this.metric = metric;
		}

		Row add(Double atenea, Double celery, Double bullmq) {
			this.atenea.add(orNaN(atenea));
			this.celery.add(orNaN(celery));
			this.bullmq.add(orNaN(bullmq));
			return this;
		}

		/**
		 * A target on the median ratio to Celery and BullMQ: at least {@code minimum} (or
		 * at most, for latencies, when {@code atMost}); NaN skips a peer.
		 */
		Row targetRatio(String text, double toCelery, double toBullmq, boolean atMost) {
			this.target = text;
			this.compared = () -> (!Double.isNaN(toCelery) && !Double.isNaN(ratio(this.celery)))
					|| (!Double.isNaN(toBullmq) && !Double.isNaN(ratio(this.bullmq)));
			this.check = () -> {
				boolean met = true;
				if (!Double.isNaN(toCelery) && !Double.isNaN(ratio(this.celery))) {
					met &= atMost ? ratio(this.celery) <= toCelery : ratio(this.celery) >= toCelery;
				}
				if (!Double.isNaN(toBullmq) && !Double.isNaN(ratio(this.bullmq))) {
					met &= atMost ? ratio(this.bullmq) <= toBullmq : ratio(this.bullmq) >= toBullmq;
				}
				return met;
			};
			return this;
		}

		/**
		 * A target on Atenea's own median figure.
		 */
		Row targetValue(String text, DoublePredicate met) {
			this.target = text;
			this.check = () -> met.test(atenea());
			return this;
		}

		String metric() {
			return this.metric;
		}

		double atenea() {
			return Stats.median(this.atenea);
		}

		double celery() {
			return Stats.median(this.celery);
		}

		double bullmq() {
			return Stats.median(this.bullmq);
		}

		/**
		 * The median over rounds of Atenea's figure divided by the peer's.
		 */
		double ratio(List<Double> peer) {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < peer.size(); i++) {
				ratios.add(this.atenea.get(i) / peer.get(i));
			}
			return Stats.median(ratios);
		}

		String verdict() {
			if (this.check == null) {
				return this.target;
			}
			if (Double.isNaN(atenea()) || !this.compared.met()) {
				return this.target + " (not measured)";
			}
			return (this.check.met() ? "met: " : "NOT met: ") + this.target;
		}

		boolean met() {
			return this.check == null || this.check.met();
		}

		private static Double orNaN(Double value) {
			return (value != null) ? value : Double.NaN;
		}

	}

	@FunctionalInterface
	private interface Check {

		boolean met();

	}

}
