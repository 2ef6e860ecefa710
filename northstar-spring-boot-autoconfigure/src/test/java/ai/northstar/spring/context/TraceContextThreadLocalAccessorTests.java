package ai.northstar.spring.context;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.TraceContext;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceContextThreadLocalAccessor} and {@link NorthstarTaskDecorator}.
 */
class TraceContextThreadLocalAccessorTests {

	private final TraceContextThreadLocalAccessor accessor = new TraceContextThreadLocalAccessor();

	private final Run run = Northstar.noop().startRun("accessor", Map.of());

	@AfterEach
	void clear() {
		TraceContext.set(null);
	}

	@Test
	void shouldReadNothingWhenNoTraceIsCurrent() {
		assertThat(this.accessor.getValue()).isNull();
	}

	@Test
	void shouldSetAndClearTheCurrentTraceAndTheMdcWhenAsked() {
		this.accessor.setValue(TraceContext.of(this.run));
		assertThat(TraceContext.current().traceId()).contains(this.run.id());
		assertThat(this.accessor.getValue()).isNotNull();
		assertThat(MDC.get("northstar.trace_id")).isEqualTo(this.run.id().toString());
		this.accessor.setValue();
		assertThat(TraceContext.current().isEmpty()).isTrue();
		assertThat(MDC.get("northstar.trace_id")).isNull();
	}

	@Test
	void shouldRestoreThePreviousTraceWhenAsked() {
		TraceContext previous = TraceContext.of(this.run);
		this.accessor.setValue(previous);
		this.accessor.setValue(TraceContext.of(Northstar.noop().startRun("other", Map.of())));
		this.accessor.restore(previous);
		assertThat(TraceContext.current().traceId()).contains(this.run.id());
		this.accessor.restore();
		assertThat(TraceContext.current().isEmpty()).isTrue();
	}

	@SuppressWarnings("try")
	@Test
	void shouldCarryTheTraceToAnotherThreadWhenASnapshotIsTaken() throws Exception {
		ContextRegistry registry = new ContextRegistry().registerThreadLocalAccessor(this.accessor);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Runnable[] task = new Runnable[1];
			CompletableFuture<String> seen = new CompletableFuture<>();
			try (TraceContext.Scope scope = TraceContext.of(this.run).makeCurrent()) {
				task[0] = ContextSnapshotFactory.builder()
					.contextRegistry(registry)
					.build()
					.captureAll()
					.wrap((Runnable) () -> seen
						.complete(TraceContext.current().traceId().map(Object::toString).orElse("none")));
			}
			executor.execute(task[0]);
			assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(this.run.id().toString());
			CompletableFuture<Boolean> cleared = CompletableFuture.supplyAsync(() -> TraceContext.current().isEmpty(),
					executor);
			assertThat(cleared.get(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void shouldLeaveTheTaskAsIsWhenNoTraceIsCurrent() {
		Runnable task = () -> {
		};
		assertThat(new NorthstarTaskDecorator().decorate(task)).isSameAs(task);
	}

	@SuppressWarnings("try")
	@Test
	void shouldRunTheTaskInTheSubmittersTraceWhenOneIsCurrent() {
		Runnable decorated;
		String[] seen = new String[1];
		try (TraceContext.Scope scope = TraceContext.of(this.run).makeCurrent()) {
			decorated = new NorthstarTaskDecorator()
				.decorate(() -> seen[0] = TraceContext.current().traceId().map(Object::toString).orElse("none"));
		}
		decorated.run();
		assertThat(seen[0]).isEqualTo(this.run.id().toString());
		assertThat(TraceContext.current().isEmpty()).isTrue();
	}

}
