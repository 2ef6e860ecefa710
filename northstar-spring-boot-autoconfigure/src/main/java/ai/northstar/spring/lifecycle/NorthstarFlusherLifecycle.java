package ai.northstar.spring.lifecycle;

import java.util.Optional;

import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the background {@link NorthstarFlusher} of a {@link Northstar} client with the application context: starts it
 * with the context, and when the context closes, ends the process session and drains what is pending within the
 * shutdown timeout.
 * <p>
 * Its {@link #PHASE phase} is below the phases of Boot's web server graceful shutdown
 * ({@code Integer.MAX_VALUE - 1024}) and web server stop ({@code Integer.MAX_VALUE - 2048}), so it stops after them:
 * requests still draining are traced, and their records delivered. A disabled client gets no flusher and no thread.
 *
 * @since 0.1.0
 */
public final class NorthstarFlusherLifecycle implements SmartLifecycle {

	/** The phase: one step of 1024 below Boot's web server start/stop phase, {@code Integer.MAX_VALUE - 3072}. */
	public static final int PHASE = Integer.MAX_VALUE - 3072;

	private final Northstar client;

	private final @Nullable NorthstarFlusher flusher;

	private volatile boolean running;

	/**
	 * Creates the lifecycle of a client and its flusher; nothing starts before {@link #start()}.
	 * @param client the client
	 * @param flusher its flusher, or {@code null} for a client that sends nothing (tracing off)
	 */
	public NorthstarFlusherLifecycle(Northstar client, @Nullable NorthstarFlusher flusher) {
		this.client = client;
		this.flusher = flusher;
	}

	/**
	 * Returns the flusher.
	 * @return the flusher, empty when the client is disabled
	 */
	public Optional<NorthstarFlusher> flusher() {
		return Optional.ofNullable(this.flusher);
	}

	@Override
	public void start() {
		if (this.flusher != null) {
			this.flusher.start();
		}
		this.running = true;
	}

	/**
	 * Ends the client's process session and drains what is pending within the shutdown timeout.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.client.endProcessSession();
		if (this.flusher != null) {
			this.flusher.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns {@code false}: stopping drains and closes the flusher for good, so a context pause must not stop it.
	 * @return {@code false}
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

}
