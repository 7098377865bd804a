package dev.atenea.support;

import java.io.IOException;
import java.nio.file.Path;

import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

/**
 * What an MP4 file's video track holds, read by demuxing it.
 *
 * @param frames the frames the track declares
 * @param packets the frames actually read one by one
 * @param width the picture width
 * @param height the picture height
 */
public record VideoInfo(int frames, int packets, int width, int height) {

	public static VideoInfo read(Path file) throws IOException {
		try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
			DemuxerTrack track = MP4Demuxer.createMP4Demuxer(channel).getVideoTrack();
			DemuxerTrackMeta meta = track.getMeta();
			int packets = 0;
			while (track.nextFrame() != null) {
				packets++;
			}
			return new VideoInfo(meta.getTotalFrames(), packets, meta.getVideoCodecMeta().getSize().getWidth(),
					meta.getVideoCodecMeta().getSize().getHeight());
		}
	}

}
