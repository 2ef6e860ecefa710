package ai.northstar;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import ai.northstar.capture.ContentCapture;
import ai.northstar.data.Batch;
import ai.northstar.data.EventData;
import ai.northstar.data.ScoreData;
import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.export.ExportPipeline;
import ai.northstar.prompt.Prompts;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The NorthStar client: creates sessions, records scores and sends what was recorded to NorthStar.
 *
 * <pre>{@code
 * Northstar client = Northstar.builder()
 *     .apiKey("ns_...")
 *     .projectId("abcdefghijklmnopqrst")
 *     .capture(CaptureOptions.all())
 *     .build();
 * try (Session session = client.session()) {
 *     session.run("research-agent", run -> {
 *         run.recordUserInput("Find the docs.");
 *         return null;
 *     });
 * }
 * }</pre>
 * <p>
 * Records are queued when they are created and when they change, within {@code maxQueueSize}; one export pipeline
 * per client sends them. With a started {@link NorthstarFlusher} it runs in the background and every flush only
 * asks it to send; without one, {@link #flush()} sends on the calling thread, and the client starts no thread of its
 * own. Nothing recording does can throw into the application or wait for the network. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Northstar implements AutoCloseable {

	/** The default most records pending at once. */
	public static final int DEFAULT_MAX_QUEUE_SIZE = 1000;

	/** The default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The default longest time of one attempt. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	static {
		NorthstarInternals.register(new CoreAccess());
	}

	private final URI endpoint;

	private final IngestTransport transport;

	private final Recorder recorder;

	private final ExportPipeline pipeline;

	private final boolean enabled;

	private final HighLevel highLevel;

	private final Prompts prompts;

	private final ClientFlush flushes;

	private volatile @Nullable NorthstarFlusher flusher;

	private volatile boolean closed;

	Northstar(ClientBuilder builder, URI endpoint, IngestTransport transport) {
		this.enabled = builder.enabled;
		this.endpoint = endpoint;
		this.transport = transport;
		this.recorder = new Recorder(builder, this::onSessionClose);
		this.pipeline = new ExportPipeline(this.recorder.queue(), transport, builder.requestTimeout,
				builder.retryPolicy, NorthstarFlusher.defaultSettings(builder.debug), builder.clock);
		this.flushes = new ClientFlush(this.pipeline, this.recorder.queue(), this.enabled, () -> this.closed);
		this.highLevel = new HighLevel(this, builder.project, builder.environment);
		this.prompts = builder.prompts(this, endpoint);
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a client that traces nothing and sends nothing: every high-level block and annotated method runs
	 * untraced, and low-level records are discarded. Used when tracing is off or credentials are missing, so
	 * injection points keep working.
	 * @return a disabled client
	 */
	public static Northstar noop() {
		Northstar client = builder().apiKey("disabled")
			.endpoint("http://127.0.0.1/northstar-disabled")
			.enabled(false)
			.transport((body) -> CompletableFuture.completedFuture(new IngestResponse(200, "{\"accepted\":true}", null)))
			.build();
		client.recorder.queue().disable();
		return client;
	}

	/**
	 * Derives the ingest URL of a NorthStar project.
	 * @param projectId the project id, lower-case letters and digits
	 * @return {@code https://{projectId}.supabase.co/functions/v1/ingest-traces}
	 * @throws IllegalArgumentException when the project id is not lower-case letters and digits
	 */
	public static URI ingestUri(String projectId) {
		return Endpoints.ingestUri(projectId);
	}

	/**
	 * Normalizes an explicit ingest URL, for self-hosted deployments.
	 * @param endpoint the URL; surrounding blanks and trailing {@code /} are removed
	 * @return the URL
	 * @throws IllegalArgumentException when it is not an absolute http(s) URL
	 */
	public static URI endpointUri(String endpoint) {
		return Endpoints.endpointUri(endpoint);
	}

	/**
	 * Creates and queues a session with no metadata.
	 * @return the open session
	 */
	public Session session() {
		return session(Map.of());
	}

	/**
	 * Creates and queues a session.
	 * @param metadata the session metadata
	 * @return the open session
	 */
	public Session session(Map<String, ?> metadata) {
		return new Session(this.recorder, this.recorder.captureEntries(metadata), true);
	}

	/**
	 * Records a score for a run; the data type is inferred from the value: {@link Boolean} is boolean (1 or 0),
	 * {@link CharSequence} categorical, {@link Number} numeric. A name or categorical value over 1,024 characters,
	 * and a comment over 32,768, are cut.
	 * @param traceId the id of the scored run
	 * @param name the score name, not blank
	 * @param value the value
	 * @return the queued score
	 * @throws IllegalArgumentException when the name is blank, the value is not finite or of no score type
	 */
	public ScoreData score(UUID traceId, String name, Object value) {
		return score(traceId, name, value, ScoreOptions.none());
	}

	/**
	 * Records a score for a run, with options; see {@link #score(UUID, String, Object)}.
	 * @param traceId the id of the scored run
	 * @param name the score name, not blank
	 * @param value the value
	 * @param options the span, explicit data type and comment
	 * @return the queued score
	 * @throws IllegalArgumentException when the name is blank, the value is not finite or of no score type, or the
	 * explicit data type disagrees with the value
	 */
	public ScoreData score(UUID traceId, String name, Object value, ScoreOptions options) {
		ScoreData score = Scores.create(this.recorder.newId(), traceId, name, value, options, this.recorder.now());
		this.recorder.queue().submitScore(score);
		return score;
	}

	/**
	 * Sends everything pending now and waits until it is stored. With a started {@link NorthstarFlusher} the flusher
	 * sends it; without one this thread does, each batch getting the {@link RetryPolicy}'s attempts. After
	 * {@link #close()} it returns an empty batch.
	 * @return the batches the backend stored meanwhile, as one; empty when nothing was pending
	 * @throws NorthstarException when a send failed; every record not yet stored stays pending, and is sent again
	 * (by the next flush, or by the flusher after its backoff)
	 */
	public Batch flush() {
		return this.flushes.flush();
	}

	/**
	 * Sends everything pending without waiting: through the flusher when one is started, else on a thread of its
	 * own, created at the first call.
	 * @return the batches stored, or the {@link NorthstarException}
	 */
	public CompletableFuture<Batch> flushAsync() {
		return this.flushes.flushAsync();
	}

	/**
	 * Sends what is pending within a timeout. Never throws.
	 * @param timeout how long to wait
	 * @return what the flush achieved: whether everything pending was stored, what is left, how many records were
	 * dropped (and of those, refused by the backend), and the last error
	 */
	public FlushResult flush(Duration timeout) {
		return this.flushes.flush(timeout);
	}

	/** Sends what a closing session handed over: in the background with a flusher, else now. */
	private void onSessionClose() {
		this.flushes.onSessionClose();
	}

	/**
	 * Returns whether tracing is on. A disabled client, such as the one the Spring Boot starter provides when no
	 * credentials are configured, runs every high-level block and annotated method untraced.
	 * @return {@code true} when tracing is on
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Returns the session of the high-level API: one per client, created at the first trace and ended by
	 * {@link #close()}. Should the backend refuse the session before ever storing it, the next trace starts a new
	 * one, rather than losing every later run with it.
	 * @return the process session
	 */
	public Session processSession() {
		return this.highLevel.processSession();
	}

	/**
	 * Starts a run in the {@link #processSession() process session}, with the {@code project}, {@code environment}
	 * and the given metadata. The caller makes it current and closes it; {@link #trace(String, TracedCallable)} does
	 * both.
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @param metadata the run metadata
	 * @return the running run
	 */
	public Run startRun(String name, Map<String, ?> metadata) {
		return this.highLevel.startRun(name, metadata);
	}

	/**
	 * Starts a span under the innermost open span of the current trace, or its run.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @return the open span, empty outside a trace or when tracing is off
	 */
	public Optional<Span> startSpan(String name, SpanKind kind) {
		return this.highLevel.startSpan(name, kind, SpanOptions.none());
	}

	/**
	 * Starts a span with an iteration and attributes under the innermost open span of the current trace, or its run.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param options the iteration and attributes
	 * @return the open span, empty outside a trace or when tracing is off
	 */
	public Optional<Span> startSpan(String name, SpanKind kind, SpanOptions options) {
		return this.highLevel.startSpan(name, kind, Objects.requireNonNull(options, "options must not be null"));
	}

	/**
	 * Runs the body in a new run of the process session, current while it runs; the run ends {@code ok} with its
	 * {@code latency_ms}, or {@code error} when the body throws (the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T trace(String name, TracedCallable<T, E> body) throws E {
		return this.highLevel.trace(name, TraceOptions.none(), body);
	}

	/**
	 * Runs the body in a new run of the process session with an input, metadata and tags, current while it runs;
	 * the input is the run's {@code user_input} event. The run ends {@code ok} with its {@code latency_ms}, or
	 * {@code error} when the body throws (the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the run name, not blank; cut to 1,024 characters
	 * @param options the input, metadata and tags
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T trace(String name, TraceOptions options, TracedCallable<T, E> body) throws E {
		return this.highLevel.trace(name, Objects.requireNonNull(options, "options must not be null"), body);
	}

	/**
	 * Runs the body in a new span under the innermost open span of the current trace, current while it runs; outside
	 * a trace the body just runs. The span ends {@code ok} with its {@code latency_ms}, or {@code error} when the
	 * body throws (the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T span(String name, SpanKind kind, TracedCallable<T, E> body) throws E {
		return this.highLevel.span(name, kind, SpanOptions.none(), body);
	}

	/**
	 * Runs the body in a new span with an iteration and attributes under the innermost open span of the current
	 * trace, current while it runs; outside a trace the body just runs. The span ends {@code ok} with its
	 * {@code latency_ms}, or {@code error} when the body throws (the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param options the iteration and attributes
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T span(String name, SpanKind kind, SpanOptions options, TracedCallable<T, E> body)
			throws E {
		return this.highLevel.span(name, kind, Objects.requireNonNull(options, "options must not be null"), body);
	}

	/**
	 * Opens a model span under the innermost open span of the current trace, current until closed.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param model the model id, such as {@code gpt-4o}
	 * @return the model call; inert outside a trace
	 */
	public ModelCall modelCall(String name, String model) {
		return new ModelCall(startSpan(name, SpanKind.MODEL).orElse(null), model);
	}

	/**
	 * Returns the id of the current run, for log correlation.
	 * @return the trace id, empty outside a trace
	 */
	public Optional<UUID> currentTraceId() {
		return TraceContext.current().traceId();
	}

	/**
	 * Returns the id of the innermost open span of the current trace.
	 * @return the span id, empty outside a span
	 */
	public Optional<UUID> currentSpanId() {
		return TraceContext.current().spanId();
	}

	/**
	 * Records a custom event {@code {"name", "data"}} with attribute {@code northstar_type: "event"} on the innermost
	 * open span, or the run; nothing outside a trace.
	 * @param name the event name
	 * @param data the event data
	 * @return the event, empty outside a trace
	 */
	public Optional<EventData> logEvent(String name, @Nullable Object data) {
		return this.highLevel.logEvent(name, data);
	}

	/**
	 * Records a custom event {@code {"name", "value"}} with attribute {@code northstar_type: "metric"} on the
	 * innermost open span, or the run; nothing outside a trace.
	 * @param name the metric name
	 * @param value the value, finite
	 * @return the event, empty outside a trace
	 * @throws IllegalArgumentException when the value is not finite
	 */
	public Optional<EventData> logMetric(String name, Number value) {
		return this.highLevel.logMetric(name, value);
	}

	/**
	 * Merges entries into the attributes of the innermost open span, or the metadata of the run when no span is
	 * open; nothing outside a trace.
	 * @param metadata the entries
	 */
	public void logMetadata(Map<String, ?> metadata) {
		this.highLevel.logMetadata(metadata);
	}

	/**
	 * Returns the prompts of this client: versioned templates pulled from NorthStar and cached, with the settings of
	 * {@link Builder#promptCacheTtl(Duration)} and {@link Builder#promptFallbackLocation(String)}. Nothing is asked
	 * (and no connection opened) before the first {@link Prompts#get(String)}.
	 * @return the prompts
	 */
	public Prompts prompts() {
		return this.prompts;
	}

	void attach(NorthstarFlusher flusher) {
		this.flusher = flusher;
	}

	/**
	 * Returns the attached background flusher.
	 * @return the flusher, if one is attached
	 */
	public Optional<NorthstarFlusher> flusher() {
		return Optional.ofNullable(this.flusher);
	}

	/**
	 * Returns the state of the export pipeline: its status, what is pending, sent and dropped (by reason), the last
	 * error.
	 * @return the statistics
	 */
	public FlushStats stats() {
		return FlushStats.of(this.pipeline.stats());
	}

	/**
	 * Ends the process session, if one was created, without sending.
	 */
	public void endProcessSession() {
		this.highLevel.endProcessSession();
	}

	/**
	 * Returns the last batch the backend stored.
	 * @return the batch, empty before the first
	 */
	public Batch lastFlushedBatch() {
		return this.pipeline.lastStored();
	}

	/**
	 * Returns the ingest endpoint.
	 * @return the endpoint URL
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns which typed events are captured.
	 * @return the capture options
	 */
	public CaptureOptions captureOptions() {
		return this.recorder.captureOptions();
	}

	/**
	 * Returns how content is captured.
	 * @return the content capture
	 */
	public ContentCapture contentCapture() {
		return this.recorder.contentCapture();
	}

	/**
	 * Returns the model prices used for {@code cost_usd}.
	 * @return the pricing
	 */
	public ModelPricing pricing() {
		return this.recorder.pricing();
	}

	/**
	 * Ends the process session, sends what is pending within the shutdown timeout (the flusher's, else
	 * {@value NorthstarFlusher#DEFAULT_SHUTDOWN_TIMEOUT_SECONDS} seconds), then releases the transport. What could
	 * not be sent is dropped, counted and reported in one warning; records made later are dropped and counted the
	 * same way, and a later {@link #flush()} returns an empty batch. Idempotent; never throws.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			endProcessSession();
		}
		catch (RuntimeException ex) {
			// Even a session that cannot be ended (a failing clock) must not stop the drain.
		}
		try {
			NorthstarFlusher attached = this.flusher;
			if (attached != null) {
				attached.close();
			}
			else {
				this.pipeline.close();
			}
		}
		catch (RuntimeException ex) {
			// close() never throws: the pipeline logged and counted what it could not send.
		}
		finally {
			this.flushes.close();
			this.prompts.close();
			try {
				this.transport.close();
			}
			catch (RuntimeException ex) {
				// A transport that fails to close must not fail the application's shutdown.
			}
		}
	}

	Recorder recorder() {
		return this.recorder;
	}

	ExportPipeline pipeline() {
		return this.pipeline;
	}

	@Override
	public String toString() {
		return "Northstar[endpoint=" + this.endpoint + "]";
	}

	/**
	 * Builds a {@link Northstar} client. An API key is required, and either a project id or an endpoint; every other
	 * setting has a default. Its settings are declared, and documented, in a package-private superclass, so that
	 * they live in a file of their own.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends ClientBuilder {

		private Builder() {
		}

	}

}

