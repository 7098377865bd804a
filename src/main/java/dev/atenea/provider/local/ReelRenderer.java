package dev.atenea.provider.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;
import org.jcodec.scale.AWTUtil;

/**
 * Draws and encodes the frames of one video into an H.264 MP4 with JCodec: the prompt's
 * {@link PromptArt} with its shapes circling once over the clip and a bar sweeping along
 * the bottom edge, under the prompt's text.
 */
final class ReelRenderer {

	/**
	 * What to render.
	 *
	 * @param prompt the prompt the picture is derived from
	 * @param width the frame width in pixels, even
	 * @param height the frame height in pixels, even
	 * @param frames how many frames to encode
	 * @param framesPerSecond the frame rate
	 */
	record Reel(String prompt, int width, int height, int frames, int framesPerSecond) {
	}

	/**
	 * Renders the reel into the output file, reporting progress from 0 to 99 as frames
	 * are encoded; 100 is left for when the caller has published the file. Stops between
	 * frames when the thread is interrupted.
	 */
	void render(Reel reel, Path output, IntConsumer progress) throws IOException, InterruptedException {
		PromptArt art = PromptArt.of(reel.prompt());
		BufferedImage background = layer(reel, BufferedImage.TYPE_INT_RGB);
		paintOn(background, (graphics) -> art.paintBackground(graphics, reel.width(), reel.height()));
		BufferedImage caption = layer(reel, BufferedImage.TYPE_INT_ARGB);
		paintOn(caption, (graphics) -> art.paintCaption(graphics, reel.width(), reel.height()));
		BufferedImage frame = layer(reel, BufferedImage.TYPE_INT_RGB);

		try (SeekableByteChannel channel = NIOUtils.writableChannel(output.toFile())) {
			SequenceEncoder encoder = SequenceEncoder.createWithFps(channel, Rational.R(reel.framesPerSecond(), 1));
			for (int index = 0; index < reel.frames(); index++) {
				if (Thread.interrupted()) {
					throw new InterruptedException("Render interrupted at frame " + index);
				}
				double phase = (double) index / reel.frames();
				paintOn(frame, (graphics) -> paintFrame(graphics, reel, art, background, caption, phase));
				encoder.encodeNativeFrame(AWTUtil.fromBufferedImageRGB(frame));
				progress.accept(99 * (index + 1) / reel.frames());
			}
			encoder.finish();
		}
	}

	/**
	 * Draws one frame from the layers drawn once per reel; only the shapes and the bar
	 * are drawn anew, which keeps text rendering out of the per-frame cost.
	 */
	private static void paintFrame(Graphics2D graphics, Reel reel, PromptArt art, BufferedImage background,
			BufferedImage caption, double phase) {
		graphics.drawImage(background, 0, 0, null);
		art.paintShapes(graphics, reel.width(), reel.height(), phase);
		int barHeight = Math.max(2, reel.height() / 60);
		graphics.setColor(new Color(255, 255, 255, 200));
		graphics.fillRect(0, reel.height() - barHeight, (int) Math.round(reel.width() * phase), barHeight);
		graphics.drawImage(caption, 0, 0, null);
	}

	private static BufferedImage layer(Reel reel, int type) {
		return new BufferedImage(reel.width(), reel.height(), type);
	}

	private static void paintOn(BufferedImage image, Consumer<Graphics2D> painter) {
		Graphics2D graphics = image.createGraphics();
		try {
			painter.accept(graphics);
		}
		finally {
			graphics.dispose();
		}
	}

}
