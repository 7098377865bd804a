package dev.atenea.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.atenea.provider.GeneratedMedia;
import dev.atenea.provider.GenerationProvider;
import dev.atenea.provider.GenerationRequest;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderException;
import dev.atenea.provider.ProviderOutcome;
import dev.atenea.provider.local.ReelRenderer.Reel;
import dev.atenea.provider.local.RenderDirectory.RenderState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The offline video provider: renders an H.264 MP4 from the prompt in the background and
 * answers through polls, like a remote asynchronous service would.
 *
 * <p>
 * {@link #generate} records the render in the {@link RenderDirectory}, queues it on a
 * bounded pool of render threads and answers pending at once. While this process owns
 * renders, a heartbeat thread rewrites their progress every {@link #HEARTBEAT_INTERVAL}.
 * {@link #poll} reads only the files, so it works from any process sharing the render
 * directory; a render whose process died shows up as lost once its heartbeat is stale.
 */
@Component
class LocalVideoProvider implements GenerationProvider, DisposableBean {

	static final int DEFAULT_DURATION_SECONDS = 4;

	static final List<Integer> DURATIONS_SECONDS = IntStream.rangeClosed(1, 10).boxed().toList();

	/** Frame sizes by aspect ratio, small enough to encode quickly on two cores. */
	static final Map<String, FrameSize> FRAME_SIZES = Map.of("16:9", new FrameSize(480, 270), "9:16",
			new FrameSize(270, 480), "1:1", new FrameSize(360, 360));

	static final String DEFAULT_ASPECT_RATIO = "16:9";

	private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("local", MediaKind.VIDEO,
			List.of("local-reel-1"), DURATIONS_SECONDS, List.of(DEFAULT_ASPECT_RATIO, "9:16", "1:1"), 0, List.of(),
			Map.of("duration_seconds", DEFAULT_DURATION_SECONDS, "aspect_ratio", DEFAULT_ASPECT_RATIO));

	private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(LocalVideoProvider.class);

	private final RenderDirectory renders;

	private final ReelRenderer renderer = new ReelRenderer();

	private final int framesPerSecond;

	private final Duration pollInterval;

	private final Duration shutdownGrace;

	private final ThreadPoolExecutor renderPool;

	private final ScheduledExecutorService heartbeat;

	/** Progress of the renders this process accepted and has not yet ended, by id. */
	private final Map<String, AtomicInteger> owned = new ConcurrentHashMap<>();

	LocalVideoProvider(LocalProviderProperties properties) {
		this.renders = new RenderDirectory(properties.renderDirectory(), properties.renderStaleAfter(),
				properties.renderRetention(), Clock.systemUTC());
		this.framesPerSecond = properties.videoFramesPerSecond();
		this.pollInterval = properties.videoPollInterval();
		this.shutdownGrace = properties.renderShutdownGrace();
		this.renderPool = new ThreadPoolExecutor(properties.renderThreads(), properties.renderThreads(), 0,
				TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(properties.renderQueueCapacity()),
				Thread.ofPlatform().name("local-render-", 1).daemon(true).factory());
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("local-render-heartbeat").daemon(true).factory());
		this.heartbeat.scheduleWithFixedDelay(this::beatOwnedRenders, HEARTBEAT_INTERVAL.toMillis(),
				HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public ProviderDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public ProviderOutcome generate(GenerationRequest request) {
		Reel reel = reelFor(request);
		String id = RenderDirectory.newOperationId();
		try {
			this.renders.accept(id);
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The local video render could not start", ex);
		}

		AtomicInteger progress = new AtomicInteger();
		this.owned.put(id, progress);
		try {
			this.renderPool.execute(() -> render(id, reel, progress));
		}
		catch (RejectedExecutionException ex) {
			this.owned.remove(id);
			this.renders.abandon(id);
			throw ProviderException.retryable("The local video renderer is busy", ex);
		}
		logger.debug("Render {} queued for task {} item {} attempt {}: {} frames of {}x{} from a prompt of {} chars",
				id, request.taskUuid(), request.itemUuid(), request.attempt(), reel.frames(), reel.width(),
				reel.height(), reel.prompt().length());
		return new ProviderOutcome.Pending(id, 0);
	}

	private Reel reelFor(GenerationRequest request) {
		int seconds = Math.clamp(request.intParam("duration_seconds", DEFAULT_DURATION_SECONDS),
				DURATIONS_SECONDS.get(0), DURATIONS_SECONDS.get(DURATIONS_SECONDS.size() - 1));
		FrameSize size = FRAME_SIZES.getOrDefault(request.stringParam("aspect_ratio", DEFAULT_ASPECT_RATIO),
				FRAME_SIZES.get(DEFAULT_ASPECT_RATIO));
		String prompt = (request.prompt() != null) ? request.prompt() : "";
		return new Reel(prompt, size.width(), size.height(), seconds * this.framesPerSecond, this.framesPerSecond);
	}

	/**
	 * Runs one render on a render thread. As a thread boundary it catches everything: a
	 * failure is recorded for the polls and logged once, here.
	 */
	private void render(String id, Reel reel, AtomicInteger progress) {
		long started = System.nanoTime();
		try {
			this.renderer.render(reel, this.renders.encodingFile(id), progress::set);
			this.renders.finish(id);
			logger.debug("Render {} finished {} frames in {} ms", id, reel.frames(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stopped(id);
		}
		catch (Throwable ex) {
			// file channels answer an interrupt by closing with an exception that keeps
			// the
			// thread's interrupt flag set: that is a shutdown, not a failed render
			if (Thread.currentThread().isInterrupted()) {
				stopped(id);
				return;
			}
			this.renders.fail(id);
			logger.warn("Render {} failed after {} ms", id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
					ex);
		}
		finally {
			this.owned.remove(id);
		}
	}

	private void stopped(String id) {
		this.renders.abandon(id);
		logger.debug("Render {} stopped because the provider is shutting down", id);
	}

	/**
	 * Keeps every owned render visibly alive, including those still waiting for a thread.
	 * Catches everything because one exception would cancel all later beats.
	 */
	private void beatOwnedRenders() {
		try {
			this.owned.forEach((id, progress) -> this.renders.heartbeat(id, progress.get()));
		}
		catch (RuntimeException ex) {
			logger.warn("Heartbeat of local video renders failed", ex);
		}
	}

	@Override
	public ProviderOutcome poll(String operationId, GenerationRequest request) {
		if (!RenderDirectory.isOperationId(operationId)) {
			return ProviderOutcome.Failed.permanently("Not an operation id of the local video provider");
		}
		try {
			return switch (this.renders.state(operationId)) {
				case RenderState.Running running -> new ProviderOutcome.Pending(operationId, running.progress());
				case RenderState.Finished finished -> deliver(operationId, finished.video(), request);
				case RenderState.Broken broken -> ProviderOutcome.Failed.transiently("video render failed");
				case RenderState.Lost lost -> lost(operationId, lost.why());
			};
		}
		catch (IOException ex) {
			throw ProviderException.retryable("The local video render could not be checked", ex);
		}
	}

	/**
	 * Moves the finished video into the call's work file; from then on it belongs to the
	 * caller, so a later poll of the same render answers lost.
	 */
	private ProviderOutcome deliver(String id, Path video, GenerationRequest request) throws IOException {
		Path target = request.work().file("mp4");
		try {
			Files.move(video, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (NoSuchFileException ex) {
			return lost(id, "another poll took it");
		}
		logger.debug("Render {} delivered to task {} item {} attempt {}", id, request.taskUuid(), request.itemUuid(),
				request.attempt());
		return new ProviderOutcome.Completed(new GeneratedMedia(target, "video/mp4", "mp4"));
	}

	private static ProviderOutcome lost(String id, String why) {
		logger.debug("Render {} is lost: {}", id, why);
		return ProviderOutcome.Failed.transiently("render was lost");
	}

	@Override
	public Duration pollInterval() {
		return this.pollInterval;
	}

	/**
	 * Stops rendering when the application shuts down, warmly: renders already accepted
	 * may finish within the grace period, still beating, so the polls of other workers
	 * collect them. Those that do not are abandoned, so polls answer lost at once and a
	 * new attempt can start elsewhere.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.renderPool.shutdown();
		if (!this.owned.isEmpty()) {
			logger.info("Letting {} local video renders finish within {}", this.owned.size(), this.shutdownGrace);
			if (!this.renderPool.awaitTermination(this.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("{} local video renders did not finish within {}; they are abandoned", this.owned.size(),
						this.shutdownGrace);
			}
		}
		this.heartbeat.shutdownNow();
		this.renderPool.shutdownNow();
		if (!this.renderPool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
			logger.warn("Local video renders did not stop within {}", SHUTDOWN_GRACE);
		}
		this.owned.keySet().forEach(this.renders::abandon);
		this.owned.clear();
	}

	/**
	 * A frame size in pixels; both sides even, as H.264 with 4:2:0 chroma needs.
	 */
	record FrameSize(int width, int height) {
	}

}
