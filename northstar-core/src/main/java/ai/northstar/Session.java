package ai.northstar;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A session: a group of runs, such as one conversation or one process. Created by {@link Northstar#session()} and
 * queued at once; {@link #close()} stamps {@code ended_at} and sends what is pending.
 *
 * <pre>{@code
 * try (Session session = client.session(Map.of("source", "cli"))) {
 *     try (Run run = session.run("research-agent")) {
 *         run.recordUserInput("Find the docs.");
 *     }
 * }
 * }</pre>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class Session implements AutoCloseable {

	private final Recorder recorder;

	private final SessionState state;

	private final boolean flushOnClose;

	Session(Recorder recorder, Entries metadata, boolean flushOnClose) {
		this.recorder = recorder;
		this.state = new SessionState(recorder.newId(), recorder.now(), metadata);
		this.flushOnClose = flushOnClose;
		this.state.created(recorder.queue());
	}

	/**
	 * Returns the session id.
	 * @return the id
	 */
	public UUID id() {
		return this.state.id();
	}

	/**
	 * Starts a run in this session.
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @return the running run
	 */
	public Run run(String name) {
		return run(name, Map.of());
	}

	/**
	 * Starts a run in this session.
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @param metadata the run metadata
	 * @return the running run
	 */
	public Run run(String name, Map<String, ?> metadata) {
		return new Run(this.recorder, this, name, this.recorder.captureEntries(metadata));
	}

	/**
	 * Runs the body in a new run, which ends when the body returns ({@code ok}) or throws ({@code error}, with the
	 * error object; the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T run(String name, TraceCallback<Run, T, E> body) throws E {
		return run(name, Map.of(), body);
	}

	/**
	 * Runs the body in a new run with metadata; see {@link #run(String, TraceCallback)}.
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @param metadata the run metadata
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T run(String name, Map<String, ?> metadata, TraceCallback<Run, T, E> body) throws E {
		Run run = run(name, metadata);
		try {
			return body.doInTrace(run);
		}
		catch (Throwable ex) {
			run.recordError(ex);
			throw ex;
		}
		finally {
			run.close();
		}
	}

	/**
	 * Returns when this session was created.
	 * @return the creation time
	 */
	public Instant createdAt() {
		return this.state.createdAt();
	}

	/**
	 * Returns whether {@link #end()} or {@link #close()} was called.
	 * @return {@code true} when ended
	 */
	public boolean isEnded() {
		return this.state.isEnded();
	}

	/**
	 * Stamps {@code ended_at} and queues the session again, without sending. Idempotent.
	 */
	public void end() {
		if (this.state.end(this.recorder.now())) {
			this.state.changed(this.recorder.queue());
		}
	}

	/**
	 * Ends the session and sends what is pending. With a started {@link NorthstarFlusher} it hands the records over
	 * and returns at once, without waiting for the network; without one it flushes synchronously: when that flush
	 * fails inside a try-with-resources block that is already failing, Java adds the {@link NorthstarException} to
	 * the block's exception as a suppressed one.
	 * @throws NorthstarException without a started flusher, when the flush fails
	 */
	@Override
	public void close() {
		end();
		if (this.flushOnClose) {
			this.recorder.sessionClosed();
		}
	}

	SessionState state() {
		return this.state;
	}

	boolean isDropped() {
		return this.state.isDropped();
	}

	@Override
	public String toString() {
		return "Session[" + id() + "]";
	}

}
