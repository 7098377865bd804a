package dev.atenea.provider.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A picture derived from a prompt: a gradient, a few translucent shapes and the prompt
 * written over them. Colours and shapes come from a hash of the prompt, so every attempt
 * for the same prompt, in any process, draws the same picture.
 */
final class PromptArt {

	private static final int SHAPE_COUNT = 9;

	private final Color top;

	private final Color bottom;

	private final List<Blob> blobs;

	private final String caption;

	private PromptArt(Color top, Color bottom, List<Blob> blobs, String caption) {
		this.top = top;
		this.bottom = bottom;
		this.blobs = blobs;
		this.caption = caption;
	}

	static PromptArt of(String prompt) {
		String text = (prompt != null) ? prompt : "";
		SplittableRandom random = new SplittableRandom(seed(text));
		float hue = random.nextFloat();
		Color top = Color.getHSBColor(hue, 0.6f, 0.3f);
		Color bottom = Color.getHSBColor(hue + 0.15f, 0.7f, 0.8f);
		List<Blob> blobs = IntStream.range(0, SHAPE_COUNT).mapToObj((index) -> Blob.random(random, hue)).toList();
		return new PromptArt(top, bottom, blobs, CaptionPainter.printable(text));
	}

	private static long seed(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must offer SHA-256", ex);
		}
	}

	/**
	 * Paints the whole picture at one moment of its animation.
	 * @param phase how far through the animation, from 0 (start) to 1 (back to start)
	 */
	void paint(Graphics2D graphics, int width, int height, double phase) {
		paintBackground(graphics, width, height);
		paintShapes(graphics, width, height, phase);
		paintCaption(graphics, width, height);
	}

	void paintBackground(Graphics2D graphics, int width, int height) {
		graphics.setPaint(new GradientPaint(0, 0, this.top, width, height, this.bottom));
		graphics.fillRect(0, 0, width, height);
	}

	/**
	 * Paints the shapes where they are at the given phase; each one circles its home
	 * position a whole number of times, so the animation loops without a jump.
	 */
	void paintShapes(Graphics2D graphics, int width, int height, double phase) {
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		for (Blob blob : this.blobs) {
			blob.paint(graphics, width, height, phase);
		}
	}

	void paintCaption(Graphics2D graphics, int width, int height) {
		CaptionPainter.paint(graphics, this.caption, width, height);
	}

	/**
	 * One shape, with its position, size and orbit relative to the picture's size.
	 */
	private record Blob(double x, double y, double radius, double orbit, double offset, int turns, int form,
			Color color) {

		static Blob random(SplittableRandom random, float hue) {
			float shade = hue + (float) random.nextDouble(-0.3, 0.3);
			Color opaque = Color.getHSBColor(shade, (float) random.nextDouble(0.4, 0.9),
					(float) random.nextDouble(0.7, 1.0));
			Color color = new Color(opaque.getRed(), opaque.getGreen(), opaque.getBlue(), random.nextInt(90, 180));
			int turns = random.nextBoolean() ? 1 : -1;
			return new Blob(random.nextDouble(), random.nextDouble(), random.nextDouble(0.05, 0.2),
					random.nextDouble(0.03, 0.15), random.nextDouble(), turns, random.nextInt(3), color);
		}

		void paint(Graphics2D graphics, int width, int height, double phase) {
			int side = Math.min(width, height);
			double angle = 2 * Math.PI * (this.offset + this.turns * phase);
			double centerX = this.x * width + Math.cos(angle) * this.orbit * side;
			double centerY = this.y * height + Math.sin(angle) * this.orbit * side;
			double size = this.radius * side;
			graphics.setColor(this.color);
			switch (this.form) {
				case 0 -> graphics.fill(new Ellipse2D.Double(centerX - size, centerY - size, 2 * size, 2 * size));
				case 1 -> graphics.fill(AffineTransform.getRotateInstance(angle, centerX, centerY)
					.createTransformedShape(
							new Rectangle2D.Double(centerX - size, centerY - size, 2 * size, 2 * size)));
				default -> {
					graphics.setStroke(new BasicStroke((float) Math.max(1, size / 4)));
					graphics.draw(new Ellipse2D.Double(centerX - size, centerY - size, 2 * size, 2 * size));
				}
			}
		}

	}

}
