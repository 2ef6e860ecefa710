package ai.northstar.autoconfigure.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Ends the record of a method returning a {@link Mono} or a {@link Flux} when the publisher completes, fails or is
 * cancelled, and puts the record in its Reactor context under {@link #CONTEXT_KEY} (restored as the current trace by
 * context propagation). Loaded only when Reactor is on the class path: the aspect passes results as {@link Object}.
 */
final class ReactorResults {

	/**
	 * The Reactor context key of the current trace; the same key as the context-propagation accessor
	 * ({@code ai.northstar.autoconfigure.context.TraceContextThreadLocalAccessor.KEY}).
	 */
	static final String CONTEXT_KEY = "northstar.trace-context";

	private ReactorResults() {
	}

	/**
	 * Returns whether the result is a {@code Mono} or {@code Flux} that a decorated one can replace, given the
	 * method's declared return type.
	 */
	static boolean canDecorate(Object result, Class<?> returnType) {
		return (result instanceof Mono && returnType.isAssignableFrom(Mono.class))
				|| (result instanceof Flux && returnType.isAssignableFrom(Flux.class));
	}

	/**
	 * Returns a publisher that emits the same signals as the result and ends the record with it.
	 */
	static Object decorate(Object result, TracedInvocation invocation) {
		if (result instanceof Mono<?> mono) {
			return decorateMono(mono, invocation);
		}
		return decorateFlux((Flux<?>) result, invocation);
	}

	private static <T> Mono<T> decorateMono(Mono<T> mono, TracedInvocation invocation) {
		AtomicReference<@Nullable JsonNode> value = new AtomicReference<>();
		AtomicBoolean emitted = new AtomicBoolean();
		return mono.doOnEach((signal) -> {
			if (signal.isOnNext()) {
				emitted.set(true);
				if (invocation.capturesOutput()) {
					value.set(invocation.snapshot(signal.get()));
				}
			}
			else {
				terminate(signal, invocation, value.get());
			}
		}).doOnCancel(() -> {
			// A Mono cancelled after its value (such as by Mono.toFuture()) has succeeded
			if (emitted.get()) {
				invocation.succeed(value.get(), true);
			}
			else {
				invocation.cancel();
			}
		}).contextWrite((context) -> context.put(CONTEXT_KEY, invocation.context()));
	}

	private static <T> Flux<T> decorateFlux(Flux<T> flux, TracedInvocation invocation) {
		// Signals are serial (Reactive Streams rule 1.3): the list needs no lock
		List<JsonNode> elements = new ArrayList<>();
		return flux.doOnEach((signal) -> {
			if (signal.isOnNext()) {
				if (invocation.capturesOutput() && elements.size() < NorthstarAspect.MAX_CAPTURED_ELEMENTS) {
					JsonNode element = invocation.snapshot(signal.get());
					if (element != null) {
						elements.add(element);
					}
				}
			}
			else {
				terminate(signal, invocation, JsonNodeFactory.instance.arrayNode(elements.size()).addAll(elements));
			}
		})
			.doOnCancel(invocation::cancel)
			.contextWrite((context) -> context.put(CONTEXT_KEY, invocation.context()));
	}

	private static void terminate(Signal<?> signal, TracedInvocation invocation, @Nullable JsonNode value) {
		if (signal.isOnError()) {
			Throwable error = signal.getThrowable();
			invocation.fail((error != null) ? error : new IllegalStateException("error signal without an error"));
		}
		else if (signal.isOnComplete()) {
			invocation.succeed(value, true);
		}
	}

}
