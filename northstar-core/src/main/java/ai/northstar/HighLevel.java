package ai.northstar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import ai.northstar.data.EventData;
import org.jspecify.annotations.Nullable;

/**
 * The high-level API of a client, the one {@code northstar.init()} gives Python users: one process session, runs and
 * spans made current for the code they wrap, and the {@code log*} helpers that target the innermost open span.
 */
final class HighLevel {

	private final Northstar client;

	private final @Nullable String project;

	private final @Nullable String environment;

	private final Object processSessionLock = new Object();

	private volatile @Nullable Session processSession;

	HighLevel(Northstar client, @Nullable String project, @Nullable String environment) {
		this.client = client;
		this.project = project;
		this.environment = environment;
	}

	Session processSession() {
		Session session = this.processSession;
		if (session == null || session.isDropped()) {
			synchronized (this.processSessionLock) {
				session = this.processSession;
				if (session == null || session.isDropped()) {
					Recorder recorder = this.client.recorder();
					session = new Session(recorder, recorder.captureEntries(projectMetadata()), false);
					this.processSession = session;
				}
			}
		}
		return session;
	}

	void endProcessSession() {
		Session session = this.processSession;
		if (session != null) {
			session.end();
		}
	}

	Run startRun(String name, Map<String, ?> metadata) {
		Map<String, Object> merged = projectMetadata();
		merged.putAll(metadata);
		return processSession().run(name, merged);
	}

	private Map<String, Object> projectMetadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		if (this.project != null) {
			metadata.put("project", this.project);
		}
		if (this.environment != null) {
			metadata.put("environment", this.environment);
		}
		return metadata;
	}

	Optional<Span> startSpan(String name, SpanKind kind, SpanOptions options) {
		if (!this.client.isEnabled()) {
			return Optional.empty();
		}
		TraceContext context = TraceContext.current();
		Span parent = context.spanOrNull();
		if (parent != null) {
			return Optional.of(parent.span(name, kind, options.iteration(), options.attributes()));
		}
		Run run = context.runOrNull();
		return (run != null)
				? Optional.of(run.startSpan(null, false, name, kind, options.iteration(), options.attributes()))
				: Optional.empty();
	}

	<T, E extends Throwable> T trace(String name, TraceOptions options, TracedCallable<T, E> body) throws E {
		if (!this.client.isEnabled()) {
			return body.call();
		}
		Run run = startRun(name, options.runMetadata());
		if (options.input() != null) {
			run.recordUserInput(options.input());
		}
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

	<T, E extends Throwable> T span(String name, SpanKind kind, SpanOptions options, TracedCallable<T, E> body)
			throws E {
		Optional<Span> started = startSpan(name, kind, options);
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

	Optional<EventData> logEvent(String name, @Nullable Object data) {
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("name", name);
		content.put("data", data);
		return logCustom(content, "event");
	}

	Optional<EventData> logMetric(String name, Number value) {
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
		if (!this.client.isEnabled() || run == null) {
			return Optional.empty();
		}
		Map<String, Object> attributes = Map.of("northstar_type", type);
		Span span = context.spanOrNull();
		return (span != null) ? span.recordCustomEvent(content, attributes) : run.recordCustomEvent(content, attributes);
	}

	void logMetadata(Map<String, ?> metadata) {
		TraceContext context = TraceContext.current();
		Run run = context.runOrNull();
		if (!this.client.isEnabled() || run == null) {
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

}
