package ai.northstar;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ai.northstar.data.SessionData;
import ai.northstar.export.ExportableRecord;
import ai.northstar.export.RecordKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A session: a group of runs, such as one conversation or one process. Created by {@link Northstar#session()} and
 * queued at once; {@link #close()} stamps {@code ended_at} and flushes synchronously.
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
public final class Session extends ExportableRecord implements AutoCloseable {

	private final Northstar client;

	private final Instant createdAt;

	private final Map<String, JsonNode> metadata;

	private @Nullable Instant endedAt;

	private final boolean flushOnClose;

	Session(Northstar client, Map<String, JsonNode> metadata, boolean flushOnClose) {
		super(client.newId());
		this.client = client;
		this.createdAt = client.now();
		this.metadata = new LinkedHashMap<>(metadata);
		this.flushOnClose = flushOnClose;
		created(client.buffer());
	}

	/**
	 * Starts a run in this session.
	 * @param name the run name, not blank
	 * @return the running run
	 */
	public Run run(String name) {
		return run(name, Map.of());
	}

	/**
	 * Starts a run in this session.
	 * @param name the run name, not blank
	 * @param metadata the run metadata
	 * @return the running run
	 */
	public Run run(String name, Map<String, ?> metadata) {
		return new Run(this.client, this, name, this.client.captureMap(metadata));
	}

	/**
	 * Runs the body in a new run, which ends when the body returns ({@code ok}) or throws ({@code error}, with the
	 * error object; the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the run name, not blank
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
	 * @param name the run name, not blank
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
		return this.createdAt;
	}

	/**
	 * Returns whether {@link #end()} or {@link #close()} was called.
	 * @return {@code true} when ended
	 */
	public synchronized boolean isEnded() {
		return this.endedAt != null;
	}

	/**
	 * Stamps {@code ended_at} and queues the session again, without flushing. Idempotent.
	 */
	public void end() {
		synchronized (this) {
			if (this.endedAt != null) {
				return;
			}
			this.endedAt = this.client.now();
		}
		changed(this.client.buffer());
	}

	/**
	 * Ends the session and flushes synchronously. When the flush fails inside a try-with-resources block that is
	 * already failing, Java adds the {@link NorthstarException} to the block's exception as a suppressed one.
	 * @throws NorthstarException when the flush fails
	 */
	@Override
	public void close() {
		end();
		if (this.flushOnClose) {
			this.client.flush();
		}
	}

	Northstar client() {
		return this.client;
	}

	@Override
	protected RecordKind recordKind() {
		return RecordKind.SESSION;
	}

	@Override
	protected @Nullable ExportableRecord parentRecord() {
		return null;
	}

	@Override
	protected synchronized Object snapshot() {
		return new SessionData(id(), this.createdAt, this.endedAt, this.metadata);
	}

	@Override
	public String toString() {
		return "Session[" + id() + "]";
	}

}
