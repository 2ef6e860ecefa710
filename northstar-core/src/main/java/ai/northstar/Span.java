package ai.northstar;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.data.EventData;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A span: one step of a {@link Run} (an agent iteration, a model call, a tool call...), nestable. Queued with status
 * {@code running} when it starts; {@link #close()} stamps {@code ended_at} and the status and queues it again.
 * <p>
 * Model spans also record usage ({@link #recordUsage}) and chat messages ({@link #recordInputMessages},
 * {@link #recordOutputMessage}), mapped to events by role as the reference SDK does. Attribute values are bounded
 * like run metadata (see {@link Run#putMetadata}). Thread-safe.
 *
 * @since 0.1.0
 */
public final class Span implements AutoCloseable {

	/** The {@code pricing_source} of a model that has no price in the client's {@link ModelPricing}. */
	public static final String PRICING_SOURCE_UNKNOWN = "unknown";

	/** The {@code pricing_source} of a model priced from the client's {@link ModelPricing}. */
	public static final String PRICING_SOURCE_TABLE = "pricing_table";

	private final Recorder recorder;

	private final Run run;

	private final @Nullable Span parent;

	private final SpanState state;

	/**
	 * Creates a span and queues it; the run lists it (see {@link Run#startSpan}). Runs no application code: the
	 * attributes were captured already.
	 */
	Span(Recorder recorder, Run run, @Nullable Span parent, String name, SpanKind kind, @Nullable Integer iteration,
			long startedAtNanos, Entries attributes) {
		this.recorder = recorder;
		this.run = run;
		this.parent = parent;
		this.state = new SpanState(recorder.newId(), run.live(), (parent != null) ? parent.state : null, name, kind,
				iteration, startedAtNanos, attributes);
		// Queued before the run makes it visible to other threads, as created() requires.
		this.state.created(recorder.queue());
	}

	static <T, E extends Throwable> T inSpan(Span span, TraceCallback<Span, T, E> body) throws E {
		try {
			return body.doInTrace(span);
		}
		catch (Throwable ex) {
			span.recordError(ex);
			throw ex;
		}
		finally {
			span.close();
		}
	}

	/**
	 * Returns the span id.
	 * @return the id
	 */
	public UUID id() {
		return this.state.id();
	}

	/**
	 * Returns the span name.
	 * @return the name
	 */
	public String name() {
		return this.state.name();
	}

	/**
	 * Returns the span kind.
	 * @return the kind
	 */
	public SpanKind kind() {
		return this.state.spanKind();
	}

	/**
	 * Returns the run this span belongs to.
	 * @return the run
	 */
	public Run run() {
		return this.run;
	}

	/**
	 * Returns the parent span, or {@code null} for a top-level span of the run.
	 * @return the parent, if any
	 */
	public @Nullable Span parent() {
		return this.parent;
	}

	/**
	 * Returns the current status.
	 * @return the status
	 */
	public RunStatus status() {
		return this.state.status();
	}

	/**
	 * Returns whether the span was closed.
	 * @return {@code true} when ended
	 */
	public boolean isEnded() {
		return this.state.isEnded();
	}

	/**
	 * Starts a child span of this span.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @return the open child span
	 */
	public Span span(String name, SpanKind kind) {
		return span(name, kind, null, Map.of());
	}

	/**
	 * Starts a child span of this span.
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param iteration the agent iteration, if any
	 * @param attributes the span attributes
	 * @return the open child span
	 */
	public Span span(String name, SpanKind kind, @Nullable Integer iteration, Map<String, ?> attributes) {
		return this.run.startSpan(this, false, name, kind, iteration, attributes);
	}

	/**
	 * Runs the body in a new child span, which ends when the body returns ({@code ok}) or throws ({@code error},
	 * with the error object; the exception is rethrown unchanged).
	 * @param <T> the body's result
	 * @param <E> the exception the body may throw
	 * @param name the span name, not blank; cut to 1,024 characters
	 * @param kind the span kind
	 * @param body the body
	 * @return the body's result
	 * @throws E when the body fails
	 */
	public <T, E extends Throwable> T span(String name, SpanKind kind, TraceCallback<Span, T, E> body) throws E {
		return inSpan(span(name, kind), body);
	}

	/**
	 * Records model reasoning.
	 * @param content the content
	 * @return the event, or empty when reasoning is not captured
	 */
	public Optional<EventData> recordReasoning(@Nullable Object content) {
		return recordReasoning(content, Map.of());
	}

	/**
	 * Records model reasoning.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event, or empty when reasoning is not captured
	 */
	public Optional<EventData> recordReasoning(@Nullable Object content, Map<String, ?> attributes) {
		return this.run.record(EventType.REASONING, this, content, attributes);
	}

	/**
	 * Records the arguments of a tool call, typically named arguments as a map.
	 * @param content the arguments
	 * @return the event, or empty when tool arguments are not captured
	 */
	public Optional<EventData> recordToolArguments(@Nullable Object content) {
		return recordToolArguments(content, Map.of());
	}

	/**
	 * Records the arguments of a tool call.
	 * @param content the arguments
	 * @param attributes the event attributes
	 * @return the event, or empty when tool arguments are not captured
	 */
	public Optional<EventData> recordToolArguments(@Nullable Object content, Map<String, ?> attributes) {
		return this.run.record(EventType.TOOL_ARGUMENTS, this, content, attributes);
	}

	/**
	 * Records the result of a tool call.
	 * @param content the result
	 * @return the event, or empty when tool results are not captured
	 */
	public Optional<EventData> recordToolResult(@Nullable Object content) {
		return recordToolResult(content, Map.of());
	}

	/**
	 * Records the result of a tool call.
	 * @param content the result
	 * @param attributes the event attributes
	 * @return the event, or empty when tool results are not captured
	 */
	public Optional<EventData> recordToolResult(@Nullable Object content, Map<String, ?> attributes) {
		return this.run.record(EventType.TOOL_RESULT, this, content, attributes);
	}

	/**
	 * Records a custom event; custom events are always captured.
	 * @param content the content
	 * @return the event
	 */
	public Optional<EventData> recordCustomEvent(@Nullable Object content) {
		return recordCustomEvent(content, Map.of());
	}

	/**
	 * Records a custom event; custom events are always captured.
	 * @param content the content
	 * @param attributes the event attributes
	 * @return the event
	 */
	public Optional<EventData> recordCustomEvent(@Nullable Object content, Map<String, ?> attributes) {
		return this.run.record(EventType.CUSTOM, this, content, attributes);
	}

	/**
	 * Marks the span failed: status {@code error} with the error object of the throwable. Never throws: an exception
	 * whose message cannot be read is recorded with the message {@code <unavailable>}.
	 * @param error the error
	 */
	public void recordError(Throwable error) {
		this.state.error(this.recorder.errorInfo(error));
		this.state.changed(this.recorder.queue());
	}

	/**
	 * Sets an attribute; the value is snapshotted, redacted and bounded like run metadata.
	 * @param key the key
	 * @param value the value
	 * @return this span
	 */
	public Span setAttribute(String key, @Nullable Object value) {
		String entry = Entries.key(key);
		JsonNode node = this.recorder.captureValue(entry, value,
				this.state.attributeLimit(this.recorder.contentCapture(), entry));
		this.state.putAttribute(entry, node);
		this.state.changed(this.recorder.queue());
		return this;
	}

	/**
	 * Merges attributes into this span's; values are snapshotted, redacted and bounded like run metadata.
	 * @param attributes the attributes
	 * @return this span
	 */
	public Span setAttributes(Map<String, ?> attributes) {
		this.state.putAttributes(this.recorder.captureEntries(attributes));
		this.state.changed(this.recorder.queue());
		return this;
	}

	/**
	 * Returns a snapshot of the span attributes.
	 * @return the attributes
	 */
	public Map<String, JsonNode> attributes() {
		return this.state.attributesSnapshot();
	}

	/**
	 * Records the token usage of a model call: sets the attributes {@code model}, {@code input_tokens},
	 * {@code output_tokens}, {@code total_tokens}, {@code cost_usd} and {@code pricing_source} ({@code unknown}, with
	 * a cost of 0, when the model has no price in the client's {@link ModelPricing}). The run adds the usage of its
	 * spans to its metadata when it closes. Calling it again replaces the span's usage.
	 * @param model the model id, such as {@code gpt-4o}
	 * @param promptTokens the input tokens
	 * @param completionTokens the output tokens
	 * @return this span
	 */
	public Span recordUsage(String model, long promptTokens, long completionTokens) {
		if (promptTokens < 0 || completionTokens < 0) {
			throw new IllegalArgumentException(
					"token counts must be >= 0, were " + promptTokens + " and " + completionTokens);
		}
		Optional<BigDecimal> priced = this.recorder.pricing().cost(model, promptTokens, completionTokens);
		BigDecimal cost = priced.orElse(BigDecimal.ZERO);
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		Map<String, JsonNode> usage = new LinkedHashMap<>();
		usage.put("model", nodes.stringNode(ai.northstar.internal.WireText.truncate(model, Entries.MAX_KEY_LENGTH)));
		usage.put("input_tokens", nodes.numberNode(promptTokens));
		usage.put("output_tokens", nodes.numberNode(completionTokens));
		usage.put("total_tokens", nodes.numberNode(promptTokens + completionTokens));
		usage.put("cost_usd", nodes.numberNode(cost));
		usage.put("pricing_source", nodes.stringNode(priced.isPresent() ? PRICING_SOURCE_TABLE : PRICING_SOURCE_UNKNOWN));
		SpanState.Usage delta = this.state.replaceUsage(usage, new SpanState.Usage(cost, promptTokens, completionTokens));
		this.run.addUsage(delta.cost(), delta.input(), delta.output(), this.state.inEvaluation());
		this.state.changed(this.recorder.queue());
		return this;
	}

	/**
	 * Records the messages sent to a model as events by role, as the reference SDK does: {@code system} becomes a
	 * system message, {@code user} a user input, {@code assistant} an assistant message plus one tool arguments
	 * event per tool call (attributes {@code tool_call_id} and {@code name}), {@code tool} a tool result (attributes
	 * {@code tool_call_id} and {@code name}). Messages are {@link ChatMessage}s, maps or any object with those
	 * properties ({@code role}, {@code content}, {@code tool_calls}/{@code toolCalls},
	 * {@code tool_call_id}/{@code toolCallId}, {@code name}). Also sets the {@code model} attribute.
	 * @param model the model id
	 * @param messages the messages
	 * @return the events written
	 */
	public List<EventData> recordInputMessages(String model, List<?> messages) {
		setAttribute("model", model);
		List<EventData> written = new ArrayList<>();
		for (Object message : messages) {
			ChatMessageEvents.record(this, this.recorder.contentCapture(), message, written);
		}
		return written;
	}

	/**
	 * Records the message a model answered with, mapped like {@link #recordInputMessages}; also sets the
	 * {@code model} attribute.
	 * @param model the model id
	 * @param message the message, usually from the {@code assistant} role
	 * @return the events written
	 */
	public List<EventData> recordOutputMessage(String model, Object message) {
		setAttribute("model", model);
		List<EventData> written = new ArrayList<>();
		ChatMessageEvents.record(this, this.recorder.contentCapture(), message, written);
		return written;
	}

	/**
	 * Ends the span: stamps {@code ended_at}, sets status {@code ok} unless an error was recorded, and queues it
	 * again. Idempotent.
	 */
	@Override
	public void close() {
		if (this.state.end(this, this.run.nowNanos())) {
			this.state.changed(this.recorder.queue());
		}
	}

	SpanState state() {
		return this.state;
	}

	/** Queues a link to the prompt version this span used, and says so in its attributes. */
	void linkPrompt(java.util.UUID promptVersionId, Map<String, ?> variableValues, @Nullable String contentHash) {
		java.util.UUID traceId = this.run.id();
		ai.northstar.data.PromptLinkData data = new ai.northstar.data.PromptLinkData(traceId, id(), promptVersionId,
				this.recorder.captureEntries(variableValues).map());
		new PromptLinkRecord(this.recorder.newId(), data, this.state).created(this.recorder.queue());
		Map<String, Object> requested = new LinkedHashMap<>();
		requested.put("prompt_version_id", promptVersionId.toString());
		if (contentHash != null) {
			requested.put("content_hash", contentHash);
		}
		setAttribute("prompt.compile.requested", requested);
	}

	@Override
	public String toString() {
		return "Span[" + name() + ", " + kind().wireValue() + ", " + id() + "]";
	}

}
