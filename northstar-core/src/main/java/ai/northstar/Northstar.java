package ai.northstar;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import ai.northstar.capture.ContentCapture;
import ai.northstar.data.Batch;
import ai.northstar.data.ErrorInfo;
import ai.northstar.data.EventData;
import ai.northstar.data.RunData;
import ai.northstar.data.ScoreData;
import ai.northstar.data.SessionData;
import ai.northstar.data.SpanData;
import ai.northstar.export.BatchSender;
import ai.northstar.export.ExportListener;
import ai.northstar.export.PreparedBatch;
import ai.northstar.export.RecordBuffer;
import ai.northstar.export.SendOutcome;
import ai.northstar.export.WireFormat;
import ai.northstar.internal.Checks;
import ai.northstar.internal.Ids;
import ai.northstar.internal.WireText;
import ai.northstar.transport.IngestTransport;
import ai.northstar.transport.JdkHttpIngestTransport;
import ai.northstar.transport.RetryPolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
 * Records are queued when they are created and when they change; {@link #flush()} sends everything pending. The
 * low-level client starts no thread of its own. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Northstar implements AutoCloseable {

	/** The default most records pending at once. */
	public static final int DEFAULT_MAX_QUEUE_SIZE = 1000;

	/** The default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The default response timeout of one attempt. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern PROJECT_ID = Pattern.compile("^[a-z0-9]+$");

	private static final int MAX_ERROR_MESSAGE_LENGTH = 4096;

	private static final ContentCapture DEFAULT_CONTENT_CAPTURE = ContentCapture.defaults();

	private final URI endpoint;

	private final CaptureOptions captureOptions;

	private final ContentCapture contentCapture;

	private final ModelPricing pricing;

	private final IngestTransport transport;

	private final BatchSender sender;

	private final RecordBuffer buffer;

	private final Clock clock;

	private final boolean systemClock;

	private volatile Batch lastFlushedBatch = Batch.empty();

	private volatile @Nullable ExecutorService asyncExecutor;

	private final boolean enabled;

	private final @Nullable String project;

	private final @Nullable String environment;

	private final Object processSessionLock = new Object();

	private volatile @Nullable Session processSession;

	private volatile @Nullable NorthstarFlusher flusher;

	private Northstar(Builder builder, URI endpoint, IngestTransport transport) {
		this.enabled = builder.enabled;
		this.project = builder.project;
		this.environment = builder.environment;
		this.endpoint = endpoint;
		this.captureOptions = builder.captureOptions;
		this.contentCapture = builder.contentCapture;
		this.pricing = builder.pricing;
		this.transport = transport;
		this.buffer = new RecordBuffer(builder.maxQueueSize, builder.exportListener);
		RecordBuffer pending = this.buffer;
		this.sender = BatchSender.builder(transport)
			.retryPolicy(builder.retryPolicy)
			.retryListener((failedAttempt, status, delay) -> pending.listener().onRetry())
			.build();
		this.clock = builder.clock;
		this.systemClock = Clock.systemUTC().equals(builder.clock);
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
			.transport((body) -> CompletableFuture.completedFuture(new ai.northstar.transport.IngestResponse(200, "{\"accepted\":true}", null)))
			.build();
		client.buffer.disable();
		return client;
	}

	/**
	 * Derives the ingest URL of a NorthStar project.
	 * @param projectId the project id, lower-case letters and digits
	 * @return {@code https://{projectId}.supabase.co/functions/v1/ingest-traces}
	 * @throws IllegalArgumentException when the project id is not lower-case letters and digits
	 */
	public static URI ingestUri(String projectId) {
		if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
			throw new IllegalArgumentException(
					"projectId must be lower-case letters and digits ([a-z0-9]+), was '" + projectId + "'");
		}
		return URI.create("https://" + projectId + ".supabase.co/functions/v1/ingest-traces");
	}

	/**
	 * Normalizes an explicit ingest URL, for self-hosted deployments.
	 * @param endpoint the URL; surrounding blanks and trailing {@code /} are removed
	 * @return the URL
	 * @throws IllegalArgumentException when it is not an absolute http(s) URL
	 */
	public static URI endpointUri(String endpoint) {
		Objects.requireNonNull(endpoint, "endpoint must not be null");
		String trimmed = endpoint.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		URI uri;
		try {
			uri = URI.create(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("endpoint must be an absolute http(s) URL, was '" + endpoint + "'", ex);
		}
		if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
				|| uri.getHost() == null) {
			throw new IllegalArgumentException("endpoint must be an absolute http(s) URL, was '" + endpoint + "'");
		}
		return uri;
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
		return new Session(this, captureMap(metadata), true);
	}

	/**
	 * Records a score for a run; the data type is inferred from the value: {@link Boolean} is boolean (1 or 0),
	 * {@link CharSequence} categorical, {@link Number} numeric.
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
		Objects.requireNonNull(traceId, "traceId must not be null");
		Objects.requireNonNull(options, "options must not be null");
		if (name == null || WireText.isBlank(name)) {
			throw new IllegalArgumentException("name must not be blank");
		}
		ScoreDataType inferred;
		double numeric;
		String stringValue = null;
		if (value instanceof Boolean bool) {
			inferred = ScoreDataType.BOOLEAN;
			numeric = bool ? 1.0 : 0.0;
		}
		else if (value instanceof CharSequence text) {
			inferred = ScoreDataType.CATEGORICAL;
			numeric = 0.0;
			stringValue = text.toString();
			if (WireText.isBlank(stringValue)) {
				throw new IllegalArgumentException("A categorical score value must not be blank");
			}
		}
		else if (value instanceof Number number) {
			inferred = ScoreDataType.NUMERIC;
			numeric = number.doubleValue();
			if (!Double.isFinite(numeric)) {
				throw new IllegalArgumentException("A score value must be finite, was " + numeric);
			}
		}
		else {
			throw new IllegalArgumentException("A score value must be a Boolean, a CharSequence or a Number, was "
					+ ((value != null) ? value.getClass().getName() : "null"));
		}
		if (options.dataType() != null && options.dataType() != inferred) {
			throw new IllegalArgumentException("Data type " + options.dataType() + " disagrees with the value, which is "
					+ inferred);
		}
		// The wire writer applies the two storable-text rules to every string, these included.
		ScoreData score = new ScoreData(newId(), traceId, options.spanId(), name, numeric, inferred, stringValue,
				ScoreData.SOURCE_API, options.comment(), now());
		this.buffer.submitScore(score);
		return score;
	}

	/**
	 * Sends everything pending as one batch (several only where one would carry more than
	 * {@value Batch#MAX_SCORES} scores), with retries, on the calling thread.
	 * @return the batch sent, empty when nothing was pending
	 * @throws NorthstarException when the backend did not accept a batch; every record not yet accepted stays
	 * pending, and the next flush sends it again
	 */
	public Batch flush() {
		List<Batch> sent = new ArrayList<>(1);
		synchronized (this.buffer.exportLock()) {
			while (true) {
				PreparedBatch prepared = this.buffer.prepare(Integer.MAX_VALUE);
				if (prepared.isEmpty()) {
					break;
				}
				SendOutcome outcome = this.sender.send(WireFormat.write(prepared.batch())).join();
				if (outcome.kind() != SendOutcome.Kind.ACCEPTED) {
					throw new NorthstarException("NorthStar did not accept the batch of " + prepared.size()
							+ " records (" + describe(outcome) + ")", outcome.status(), outcome.error());
				}
				this.buffer.acknowledge(prepared);
				sent.add(prepared.batch());
			}
		}
		Batch batch = merge(sent);
		if (!batch.isEmpty()) {
			this.lastFlushedBatch = batch;
		}
		return batch;
	}

	private static String describe(SendOutcome outcome) {
		String status = (outcome.status() != 0) ? "HTTP " + outcome.status() : "no response";
		String error = (outcome.error() != null) ? ": " + outcome.error() : "";
		return status + error + ", " + outcome.attempts() + " attempt(s)";
	}

	private static Batch merge(List<Batch> batches) {
		if (batches.isEmpty()) {
			return Batch.empty();
		}
		if (batches.size() == 1) {
			return batches.get(0);
		}
		List<SessionData> sessions = new ArrayList<>();
		List<RunData> runs = new ArrayList<>();
		List<SpanData> spans = new ArrayList<>();
		List<EventData> events = new ArrayList<>();
		List<ScoreData> scores = new ArrayList<>();
		for (Batch batch : batches) {
			sessions.addAll(batch.sessions());
			runs.addAll(batch.runs());
			spans.addAll(batch.spans());
			events.addAll(batch.events());
			scores.addAll(batch.scores());
		}
		return new Batch(Batch.SCHEMA_VERSION, sessions, runs, spans, events, scores);
	}

	/**
	 * Runs {@link #flush()} on a background thread.
	 * @return the batch sent, or the {@link NorthstarException}
	 */
	public CompletableFuture<Batch> flushAsync() {
		return CompletableFuture.supplyAsync(this::flush, asyncExecutor());
	}

	private ExecutorService asyncExecutor() {
		ExecutorService executor = this.asyncExecutor;
		if (executor == null) {
			synchronized (this) {
				executor = this.asyncExecutor;
				if (executor == null) {
					executor = Executors.newSingleThreadExecutor((task) -> {
						Thread thread = new Thread(task, "northstar-flush-async");
						thread.setDaemon(true);
						return thread;
					});
					this.asyncExecutor = executor;
				}
			}
		}
		return executor;
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
		Session session = this.processSession;
		if (session == null || session.isDropped()) {
			synchronized (this.processSessionLock) {
				session = this.processSession;
				if (session == null || session.isDropped()) {
					Map<String, Object> metadata = new LinkedHashMap<>();
					putIfPresent(metadata, "project", this.project);
					putIfPresent(metadata, "environment", this.environment);
					session = new Session(this, captureMap(metadata), false);
					this.processSession = session;
				}
			}
		}
		return session;
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	/**
	 * Starts a run in the {@link #processSession() process session}, with the {@code project}, {@code environment}
	 * and the given metadata. The caller makes it current and closes it; {@link #trace(String, TracedCallable)} does
	 * both.
	 * @param name the run name, not blank
	 * @param metadata the run metadata
	 * @return the running run
	 */
	public Run startRun(String name, Map<String, ?> metadata) {
		Map<String, Object> merged = new LinkedHashMap<>();
		putIfPresent(merged, "project", this.project);
		putIfPresent(merged, "environment", this.environment);
		merged.putAll(metadata);
		return processSession().run(name, merged);
	}

	/**
	 * Starts a span under the innermost open span of the current trace, or its run.
	 * @param name the span name, not blank
	 * @param kind the span kind
	 * @return the open span, empty outside a trace or when tracing is off
	 */
	public Optional<Span> startSpan(String name, SpanKind kind) {
		if (!this.enabled) {
			return Optional.empty();
		}
		TraceContext context = TraceContext.current();
		Span parent = context.spanOrNull();
		if (parent != null) {
			return Optional.of(parent.span(name, kind));
		}
		Run run = context.runOrNull();
		return (run != null) ? Optional.of(run.startSpan(null, false, name, kind, null, Map.of())) : Optional.empty();
	}

	/**
	 * Runs the body in a new run of the process session, current while it runs; the run ends {@code ok} with its
	 * {@code latency_ms}, or {@code error} when the body throws (the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the run name, not blank
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T trace(String name, TracedCallable<T, E> body) throws E {
		if (!this.enabled) {
			return body.call();
		}
		Run run = startRun(name, Map.of());
		long start = System.nanoTime();
		try (TraceContext.Scope scope = TraceContext.of(run).makeCurrent()) {
			return body.call();
		}
		catch (Throwable ex) {
			run.recordError(ex);
			throw ex;
		}
		finally {
			run.putMetadata("latency_ms", (System.nanoTime() - start) / 1_000_000);
			run.close();
		}
	}

	/**
	 * Runs the body in a new span under the innermost open span of the current trace, current while it runs; outside
	 * a trace the body just runs. The span ends {@code ok} with its {@code latency_ms}, or {@code error} when the
	 * body throws (the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the span name, not blank
	 * @param kind the span kind
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T span(String name, SpanKind kind, TracedCallable<T, E> body) throws E {
		Optional<Span> started = startSpan(name, kind);
		if (started.isEmpty()) {
			return body.call();
		}
		Span span = started.get();
		long start = System.nanoTime();
		try (TraceContext.Scope scope = TraceContext.of(span).makeCurrent()) {
			return body.call();
		}
		catch (Throwable ex) {
			span.recordError(ex);
			throw ex;
		}
		finally {
			span.setAttribute("latency_ms", (System.nanoTime() - start) / 1_000_000);
			span.close();
		}
	}

	/**
	 * Opens a model span under the innermost open span of the current trace, current until closed.
	 * @param name the span name, not blank
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
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("name", name);
		content.put("data", data);
		return logCustom(content, "event");
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
		Objects.requireNonNull(value, "value must not be null");
		if (!Double.isFinite(value.doubleValue())) {
			throw new IllegalArgumentException("A metric value must be finite, was " + value);
		}
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("name", name);
		content.put("value", value);
		return logCustom(content, "metric");
	}

	private Optional<EventData> logCustom(Map<String, Object> content, String type) {
		TraceContext context = TraceContext.current();
		Run run = context.runOrNull();
		if (!this.enabled || run == null) {
			return Optional.empty();
		}
		Map<String, Object> attributes = Map.of("northstar_type", type);
		Span span = context.spanOrNull();
		return (span != null) ? span.recordCustomEvent(content, attributes) : run.recordCustomEvent(content, attributes);
	}

	/**
	 * Merges entries into the attributes of the innermost open span, or the metadata of the run when no span is
	 * open; nothing outside a trace.
	 * @param metadata the entries
	 */
	public void logMetadata(Map<String, ?> metadata) {
		TraceContext context = TraceContext.current();
		Run run = context.runOrNull();
		if (!this.enabled || run == null) {
			return;
		}
		Span span = context.spanOrNull();
		if (span != null) {
			span.setAttributes(metadata);
		}
		else {
			metadata.forEach(run::putMetadata);
		}
	}

	/**
	 * Sends what is pending within a timeout: through the background {@link NorthstarFlusher} when one is attached,
	 * else on a background thread. Never throws.
	 * @param timeout how long to wait
	 * @return what the flush achieved
	 */
	public FlushResult flush(Duration timeout) {
		NorthstarFlusher attached = this.flusher;
		if (attached != null) {
			return attached.flush(timeout);
		}
		try {
			flushAsync().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			return new FlushResult(true, this.buffer.size(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new FlushResult(false, this.buffer.size(), "interrupted");
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new FlushResult(false, this.buffer.size(), cause.getMessage());
		}
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
	 * Ends the process session, if one was created, without flushing.
	 */
	public void endProcessSession() {
		Session session = this.processSession;
		if (session != null) {
			session.end();
		}
	}

	/**
	 * Returns the last batch the backend accepted through {@link #flush()}.
	 * @return the batch, empty before the first successful flush
	 */
	public Batch lastFlushedBatch() {
		return this.lastFlushedBatch;
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
		return this.captureOptions;
	}

	/**
	 * Returns how content is captured.
	 * @return the content capture
	 */
	public ContentCapture contentCapture() {
		return this.contentCapture;
	}

	/**
	 * Returns the model prices used for {@code cost_usd}.
	 * @return the pricing
	 */
	public ModelPricing pricing() {
		return this.pricing;
	}

	/**
	 * Returns the pending records. Not API: for the batching engine and the Spring Boot starter.
	 * @return the buffer
	 */
	public RecordBuffer buffer() {
		return this.buffer;
	}

	/**
	 * Returns the retrying sender. Not API: for the batching engine.
	 * @return the sender
	 */
	public BatchSender sender() {
		return this.sender;
	}

	/**
	 * Ends the process session, sends what is pending, then releases the transport. With a background flusher
	 * attached, it drains within the flusher's shutdown timeout and never throws; without one, it flushes
	 * synchronously.
	 * @throws NorthstarException when the final synchronous flush fails
	 */
	@Override
	public void close() {
		endProcessSession();
		try {
			NorthstarFlusher attached = this.flusher;
			if (attached != null) {
				attached.close();
			}
			else {
				flush();
			}
		}
		finally {
			ExecutorService executor = this.asyncExecutor;
			if (executor != null) {
				executor.shutdown();
			}
			this.transport.close();
		}
	}

	UUID newId() {
		return Ids.random();
	}

	/**
	 * Returns whether timestamps come from the system's UTC clock, which lets a run read its spans' and events'
	 * times from a monotonic anchor (see {@link Run#now()}) instead of the wall clock each time.
	 */
	boolean usesSystemClock() {
		return this.systemClock;
	}

	Instant now() {
		return this.clock.instant();
	}

	static ContentCapture defaultContentCapture() {
		return DEFAULT_CONTENT_CAPTURE;
	}

	Map<String, JsonNode> captureMap(@Nullable Map<String, ?> values) {
		if (values == null || values.isEmpty()) {
			return Map.of();
		}
		JsonNode captured = this.contentCapture.capture(values);
		if (!(captured instanceof ObjectNode object)) {
			return Map.of();
		}
		Map<String, JsonNode> result = new LinkedHashMap<>();
		object.properties().forEach((entry) -> result.put(entry.getKey(), entry.getValue()));
		return Collections.unmodifiableMap(result);
	}

	JsonNode captureValue(String key, @Nullable Object value) {
		Objects.requireNonNull(key, "key must not be null");
		JsonNode node = this.contentCapture.captureArguments(new String[] { key }, new Object[] { value }).get(WireText.sanitize(key));
		return (node != null) ? node : this.contentCapture.capture(null);
	}

	ErrorInfo errorInfo(Throwable error) {
		ErrorInfo info = ErrorInfo.of(error);
		String message = info.message();
		if (message != null && message.length() > MAX_ERROR_MESSAGE_LENGTH) {
			message = WireText.truncate(message, MAX_ERROR_MESSAGE_LENGTH) + "...";
		}
		return new ErrorInfo(info.type(), message, info.module());
	}

	@Override
	public String toString() {
		return "Northstar[endpoint=" + this.endpoint + "]";
	}

	/**
	 * Builds a {@link Northstar} client. An API key is required, and either a project id or an endpoint.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable String apiKey;

		private @Nullable String projectId;

		private @Nullable URI endpoint;

		private CaptureOptions captureOptions = CaptureOptions.none();

		private ContentCapture contentCapture = DEFAULT_CONTENT_CAPTURE;

		private ModelPricing pricing = ModelPricing.defaults();

		private @Nullable IngestTransport transport;

		private RetryPolicy retryPolicy = RetryPolicy.defaults();

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;

		private Clock clock = Clock.systemUTC();

		private ExportListener exportListener = ExportListener.NONE;

		private boolean enabled = true;

		private @Nullable String project;

		private @Nullable String environment;

		private Builder() {
		}

		/**
		 * Sets whether tracing is on; see {@link Northstar#isEnabled()}. Defaults to {@code true}.
		 * @param enabled the flag
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * Sets the project name written to the metadata of high-level runs and of the process session.
		 * @param project the project name
		 * @return this builder
		 */
		public Builder project(@Nullable String project) {
			this.project = project;
			return this;
		}

		/**
		 * Sets the environment name written to the metadata of high-level runs and of the process session.
		 * @param environment the environment, such as {@code production}
		 * @return this builder
		 */
		public Builder environment(@Nullable String environment) {
			this.environment = environment;
			return this;
		}

		/**
		 * Sets the API key ({@code ns_...}). Required. It never appears in logs, exceptions or {@code toString()}.
		 * @param apiKey the API key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the NorthStar project id, from which the ingest URL is derived. Required unless an endpoint is set.
		 * @param projectId the project id, lower-case letters and digits
		 * @return this builder
		 */
		public Builder projectId(String projectId) {
			ingestUri(projectId);
			this.projectId = projectId;
			return this;
		}

		/**
		 * Sets an explicit ingest URL, for self-hosted deployments; it wins over the project id.
		 * @param endpoint the URL, a trailing {@code /} is removed
		 * @return this builder
		 */
		public Builder endpoint(String endpoint) {
			this.endpoint = endpointUri(endpoint);
			return this;
		}

		/**
		 * Sets an explicit ingest URL; see {@link #endpoint(String)}.
		 * @param endpoint the URL
		 * @return this builder
		 */
		public Builder endpoint(URI endpoint) {
			return endpoint(endpoint.toString());
		}

		/**
		 * Sets which typed events are captured. Defaults to {@link CaptureOptions#none()}.
		 * @param captureOptions the options
		 * @return this builder
		 */
		public Builder capture(CaptureOptions captureOptions) {
			this.captureOptions = Objects.requireNonNull(captureOptions, "captureOptions must not be null");
			return this;
		}

		/**
		 * Sets how content is captured (redaction, size cap, object conversion).
		 * @param contentCapture the content capture
		 * @return this builder
		 */
		public Builder contentCapture(ContentCapture contentCapture) {
			this.contentCapture = Objects.requireNonNull(contentCapture, "contentCapture must not be null");
			return this;
		}

		/**
		 * Sets the model prices used for {@code cost_usd}. Defaults to {@link ModelPricing#defaults()}.
		 * @param pricing the pricing
		 * @return this builder
		 */
		public Builder pricing(ModelPricing pricing) {
			this.pricing = Objects.requireNonNull(pricing, "pricing must not be null");
			return this;
		}

		/**
		 * Sets the transport. Defaults to a {@link JdkHttpIngestTransport} for the endpoint and key.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(IngestTransport transport) {
			this.transport = Objects.requireNonNull(transport, "transport must not be null");
			return this;
		}

		/**
		 * Sets how failed sends are retried.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * Sets the connect timeout of the default transport. Defaults to 5 seconds.
		 * @param connectTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Checks.requirePositive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Sets the response timeout of one attempt of the default transport. Defaults to 10 seconds.
		 * @param requestTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = Checks.requirePositive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Sets the most records pending at once; new records beyond it are dropped and counted. Defaults to
		 * {@value Northstar#DEFAULT_MAX_QUEUE_SIZE}.
		 * @param maxQueueSize the bound, positive
		 * @return this builder
		 */
		public Builder maxQueueSize(int maxQueueSize) {
			this.maxQueueSize = Checks.requirePositive(maxQueueSize, "maxQueueSize");
			return this;
		}

		/**
		 * Sets the clock timestamps are read from. Defaults to the UTC system clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets the export listener. Not API: for the batching engine and metrics.
		 * @param exportListener the listener
		 * @return this builder
		 */
		public Builder exportListener(ExportListener exportListener) {
			this.exportListener = Objects.requireNonNull(exportListener, "exportListener must not be null");
			return this;
		}


		/**
		 * Builds the client.
		 * @return the client
		 * @throws IllegalStateException when the API key, or both the project id and the endpoint, are missing
		 */
		public Northstar build() {
			if (this.apiKey == null || this.apiKey.isBlank()) {
				throw new IllegalStateException("apiKey is required");
			}
			URI uri = this.endpoint;
			if (uri == null) {
				if (this.projectId == null) {
					throw new IllegalStateException("projectId or endpoint is required");
				}
				uri = ingestUri(this.projectId);
			}
			IngestTransport selected = this.transport;
			if (selected == null) {
				selected = JdkHttpIngestTransport.builder()
					.endpoint(uri)
					.apiKey(this.apiKey)
					.connectTimeout(this.connectTimeout)
					.requestTimeout(this.requestTimeout)
					.build();
			}
			return new Northstar(this, uri, selected);
		}

	}

}
