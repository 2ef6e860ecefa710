package ai.northstar.spring.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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
 * <p>
 * One method call is one record, ended once: only the first subscription to the returned publisher is traced, with
 * its own state. Later subscriptions (a second subscriber, {@code retry()}, {@code repeat()}) receive the same signals
 * as the original publisher, untraced. A publisher that is never subscribed leaves its record open. Every tracing
 * callback is guarded: a tracing failure is logged and never becomes a signal of the application's pipeline.
 */
final class ReactorResults {

	/**
	 * The Reactor context key of the current trace; the same key as the context-propagation accessor
	 * ({@code ai.northstar.spring.context.TraceContextThreadLocalAccessor.KEY}).
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
	 * Returns a publisher that emits the same signals as the result and, for its first subscription, ends the record
	 * with them.
	 */
	static Object decorate(Object result, TracedInvocation invocation) {
		if (result instanceof Mono<?> mono) {
			return decorate(mono, invocation);
		}
		return decorate((Flux<?>) result, invocation);
	}

	private static <T> Mono<T> decorate(Mono<T> mono, TracedInvocation invocation) {
		AtomicBoolean subscribed = new AtomicBoolean();
		return Mono.defer(() -> select(subscribed, invocation, mono, () -> traced(mono, invocation)));
	}

	private static <T> Flux<T> decorate(Flux<T> flux, TracedInvocation invocation) {
		AtomicBoolean subscribed = new AtomicBoolean();
		return Flux.defer(() -> select(subscribed, invocation, flux, () -> traced(flux, invocation)));
	}

	/**
	 * Returns the traced publisher for the first subscription, the original one for any later subscription.
	 */
	private static <P> P select(AtomicBoolean subscribed, TracedInvocation invocation, P original,
			Supplier<P> traced) {
		if (!subscribed.compareAndSet(false, true) || invocation.isEnded()) {
			return original;
		}
		try {
			return traced.get();
		}
		catch (Throwable ex) {
			invocation.tracingFailed("follow the reactive result", ex);
			invocation.succeed(null, false);
			return original;
		}
	}

	private static <T> Mono<T> traced(Mono<T> mono, TracedInvocation invocation) {
		MonoSubscription subscription = new MonoSubscription(invocation);
		return mono.doOnEach((signal) -> guard(invocation, () -> subscription.on(signal)))
			.doOnCancel(() -> guard(invocation, subscription::cancelled))
			.contextWrite((context) -> context.put(CONTEXT_KEY, invocation.context()));
	}

	private static <T> Flux<T> traced(Flux<T> flux, TracedInvocation invocation) {
		FluxSubscription subscription = new FluxSubscription(invocation);
		return flux.doOnEach((signal) -> guard(invocation, () -> subscription.on(signal)))
			.doOnCancel(() -> guard(invocation, invocation::cancel))
			.contextWrite((context) -> context.put(CONTEXT_KEY, invocation.context()));
	}

	private static void guard(TracedInvocation invocation, Runnable callback) {
		try {
			callback.run();
		}
		catch (Throwable ex) {
			invocation.tracingFailed("follow the reactive result", ex);
		}
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

	/**
	 * The state of the traced subscription to a {@code Mono}.
	 */
	private static final class MonoSubscription {

		private final TracedInvocation invocation;

		// Written by the signal thread, read by a cancelling one
		private volatile @Nullable JsonNode value;

		private volatile boolean emitted;

		MonoSubscription(TracedInvocation invocation) {
			this.invocation = invocation;
		}

		void on(Signal<?> signal) {
			if (signal.isOnNext()) {
				if (this.invocation.capturesOutput()) {
					this.value = this.invocation.snapshot(signal.get());
				}
				this.emitted = true;
			}
			else {
				terminate(signal, this.invocation, this.value);
			}
		}

		void cancelled() {
			// A Mono cancelled after its value (such as by Mono.toFuture()) has succeeded
			if (this.emitted) {
				this.invocation.succeed(this.value, true);
			}
			else {
				this.invocation.cancel();
			}
		}

	}

	/**
	 * The state of the traced subscription to a {@code Flux}.
	 */
	private static final class FluxSubscription {

		private final TracedInvocation invocation;

		// Signals of one subscription are serial (Reactive Streams rule 1.3): the list needs no lock
		private final List<JsonNode> elements = new ArrayList<>();

		FluxSubscription(TracedInvocation invocation) {
			this.invocation = invocation;
		}

		void on(Signal<?> signal) {
			if (signal.isOnNext()) {
				if (this.invocation.capturesOutput() && this.elements.size() < NorthstarAspect.MAX_CAPTURED_ELEMENTS) {
					JsonNode element = this.invocation.snapshot(signal.get());
					if (element != null) {
						this.elements.add(element);
					}
				}
			}
			else {
				terminate(signal, this.invocation,
						JsonNodeFactory.instance.arrayNode(this.elements.size()).addAll(this.elements));
			}
		}

	}

}
