package dev.atenea.provider.local;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a text on a picture, wrapped to its width and cut with an ellipsis when it does
 * not fit.
 *
 * <p>
 * Text needs the platform's fonts. On a machine without any, Java2D fails with an error
 * rather than an exception; pictures are then drawn without text rather than not at all.
 * Whether fonts work is a fact about the process, so it is remembered once for all
 * pictures instead of failing again on every video frame.
 */
final class CaptionPainter {

	private static final Logger logger = LoggerFactory.getLogger(CaptionPainter.class);

	private static final String ELLIPSIS = "...";

	private static final AtomicBoolean fontsMissing = new AtomicBoolean();

	private CaptionPainter() {
	}

	/**
	 * The text with control characters turned into spaces and runs of spaces collapsed.
	 */
	static String printable(String text) {
		return text.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
	}

	static void paint(Graphics2D graphics, String text, int width, int height) {
		if (text.isEmpty() || fontsMissing.get()) {
			return;
		}
		try {
			paintWrapped(graphics, text, width, height);
		}
		catch (RuntimeException | InternalError | LinkageError ex) {
			if (fontsMissing.compareAndSet(false, true)) {
				logger.warn("Fonts are unavailable, so local media are drawn without text", ex);
			}
		}
	}

	private static void paintWrapped(Graphics2D graphics, String text, int width, int height) {
		int side = Math.min(width, height);
		graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.clamp(side / 16, 9, 72)));
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		FontMetrics metrics = graphics.getFontMetrics();
		int margin = Math.max(4, width / 12);
		int lineHeight = metrics.getHeight();
		int maxLines = Math.max(1, (height * 3 / 5) / lineHeight);
		List<String> lines = wrap(text, metrics, width - 2 * margin, maxLines);

		int blockHeight = lines.size() * lineHeight;
		int top = (height - blockHeight) / 2;
		graphics.setColor(new Color(0, 0, 0, 110));
		graphics.fillRoundRect(margin / 2, top - lineHeight / 2, width - margin, blockHeight + lineHeight, margin,
				margin);

		graphics.setColor(Color.WHITE);
		for (int index = 0; index < lines.size(); index++) {
			String line = lines.get(index);
			int x = (width - metrics.stringWidth(line)) / 2;
			graphics.drawString(line, x, top + index * lineHeight + metrics.getAscent());
		}
	}

	/**
	 * Fills lines word by word; a word wider than a line is split. Stops early once the
	 * text is known not to fit, so a very long prompt costs no more than a short one.
	 */
	static List<String> wrap(String text, FontMetrics metrics, int maxWidth, int maxLines) {
		List<String> lines = new ArrayList<>();
		String line = "";
		for (String word : text.split(" ")) {
			for (String piece : pieces(word, metrics, maxWidth)) {
				String longer = line.isEmpty() ? piece : line + " " + piece;
				if (line.isEmpty() || metrics.stringWidth(longer) <= maxWidth) {
					line = longer;
				}
				else {
					lines.add(line);
					line = piece;
				}
			}
			if (lines.size() > maxLines) {
				break;
			}
		}
		lines.add(line);
		return (lines.size() > maxLines) ? cut(lines.subList(0, maxLines), metrics, maxWidth) : lines;
	}

	private static List<String> pieces(String word, FontMetrics metrics, int maxWidth) {
		List<String> pieces = new ArrayList<>();
		int start = 0;
		int previous = 0;
		// steps over whole code points so a piece never ends inside a surrogate pair
		for (int end = 0; end < word.length(); previous = end) {
			end = word.offsetByCodePoints(end, 1);
			if (previous > start && metrics.stringWidth(word.substring(start, end)) > maxWidth) {
				pieces.add(word.substring(start, previous));
				start = previous;
			}
		}
		pieces.add(word.substring(start));
		return pieces;
	}

	private static List<String> cut(List<String> lines, FontMetrics metrics, int maxWidth) {
		List<String> kept = new ArrayList<>(lines);
		String last = kept.get(kept.size() - 1);
		while (!last.isEmpty() && metrics.stringWidth(last + ELLIPSIS) > maxWidth) {
			last = last.substring(0, last.length() - 1);
		}
		kept.set(kept.size() - 1, last.strip() + ELLIPSIS);
		return kept;
	}

}
