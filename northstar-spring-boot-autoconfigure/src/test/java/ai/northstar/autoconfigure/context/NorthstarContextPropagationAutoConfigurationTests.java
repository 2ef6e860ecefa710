package ai.northstar.autoconfigure.context;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.TraceContext;
import ai.northstar.spring.context.NorthstarExecutorBeanPostProcessor;
import ai.northstar.spring.context.NorthstarTaskDecorator;
import ai.northstar.spring.context.TraceContextThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarContextPropagationAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NorthstarContextPropagationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NorthstarContextPropagationAutoConfiguration.class))
		.withPropertyValues("northstar.api-key=ns_test", "northstar.project-id=abc123");

	/**
	 * Reactor's hook and the context registry are global to the JVM: start each test without them.
	 */
	@BeforeEach
	void resetGlobalState() {
		Hooks.disableAutomaticContextPropagation();
		ContextRegistry.getInstance().removeThreadLocalAccessor(TraceContextThreadLocalAccessor.KEY);
	}

	@AfterEach
	void disableReactorHook() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void shouldRegisterTheAccessorTheDecoratorAndReactorsHookWhenTracingIsOn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(NorthstarTaskDecorator.class)
				.hasSingleBean(TraceContextThreadLocalAccessor.class)
				.hasSingleBean(NorthstarContextPropagationAutoConfiguration.ReactorConfiguration.class);
			assertThat(accessorRegistered()).isTrue();
			assertThat(reactorOperatorsRunInTheTrace()).isTrue();
		});
	}

	@Test
	void shouldInstallNothingWhenTracingIsDisabled() {
		this.contextRunner.withPropertyValues("northstar.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(NorthstarTaskDecorator.class)
				.doesNotHaveBean(TraceContextThreadLocalAccessor.class)
				.doesNotHaveBean(NorthstarContextPropagationAutoConfiguration.ReactorConfiguration.class);
			assertThat(accessorRegistered()).isFalse();
			assertThat(reactorOperatorsRunInTheTrace()).isFalse();
		});
	}

	@Test
	void shouldInstallNothingWhenTheCredentialsAreMissing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NorthstarContextPropagationAutoConfiguration.class))
			.withPropertyValues("northstar.api-key=ns_test")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(NorthstarTaskDecorator.class)
					.doesNotHaveBean(TraceContextThreadLocalAccessor.class)
					.doesNotHaveBean(NorthstarContextPropagationAutoConfiguration.ReactorConfiguration.class);
				assertThat(accessorRegistered()).isFalse();
				assertThat(reactorOperatorsRunInTheTrace()).isFalse();
			});
	}

	@Test
	void shouldRegisterTheAccessorButLeaveReactorsHookOffWhenReactorContextPropagationIsFalse() {
		this.contextRunner.withPropertyValues("northstar.reactor-context-propagation=false").run((context) -> {
			assertThat(context).hasSingleBean(NorthstarTaskDecorator.class)
				.hasSingleBean(TraceContextThreadLocalAccessor.class)
				.doesNotHaveBean(NorthstarContextPropagationAutoConfiguration.ReactorConfiguration.class);
			assertThat(accessorRegistered()).isTrue();
			assertThat(reactorOperatorsRunInTheTrace()).isFalse();
		});
	}

	@Test
	void shouldOnlyProvideTheDecoratorWhenContextPropagationIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextRegistry.class)).run((context) -> {
			assertThat(context).hasSingleBean(NorthstarTaskDecorator.class)
				.doesNotHaveBean(TraceContextThreadLocalAccessor.class)
				.doesNotHaveBean(NorthstarContextPropagationAutoConfiguration.ReactorConfiguration.class);
			assertThat(reactorOperatorsRunInTheTrace()).isFalse();
		});
	}

	@Test
	void shouldNotTouchReactorWhenReactorIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Hooks.class)).run((context) -> {
			assertThat(context).hasSingleBean(TraceContextThreadLocalAccessor.class)
				.doesNotHaveBean(NorthstarContextPropagationAutoConfiguration.ReactorConfiguration.class);
			assertThat(reactorOperatorsRunInTheTrace()).isFalse();
		});
	}

	@Test
	void shouldUseTheUserBeansWhenDefined() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).getBean(NorthstarTaskDecorator.class).isSameAs(context.getBean("myDecorator"));
			assertThat(context).getBean(TraceContextThreadLocalAccessor.class)
				.isSameAs(context.getBean("myAccessor"));
		});
	}

	@SuppressWarnings("try")
	@Test
	void shouldRunExecutorTasksInTheCallersTraceWithTheApplicationDecoratorWhenBootBuildsTheExecutor() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(ApplicationDecoratorConfiguration.class)
			.run((context) -> {
				ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor",
						ThreadPoolTaskExecutor.class);
				Run run = Northstar.noop().startRun("caller", Map.of());
				Future<String> seen;
				try (TraceContext.Scope scope = TraceContext.of(run).makeCurrent()) {
					seen = executor.submit(() -> TraceContext.current().traceId().map(UUID::toString).orElse("none")
							+ "/" + ApplicationDecoratorConfiguration.DECORATED.get());
				}
				assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(run.id() + "/true");
				CompletableFuture<Boolean> afterwards = CompletableFuture
					.supplyAsync(() -> TraceContext.current().isEmpty(), executor);
				assertThat(afterwards.get(10, TimeUnit.SECONDS)).isTrue();
			});
	}

	@SuppressWarnings("try")
	@Test
	void shouldCarryTheTraceIntoTheApplicationsOwnExecutorsKeepingTheirDecoratorsWhenTheyAreBeans(
			CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ApplicationExecutorsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(NorthstarExecutorBeanPostProcessor.class);
			ThreadPoolTaskExecutor taskExecutor = context.getBean("taskExecutor", ThreadPoolTaskExecutor.class);
			ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
			ExecutorService pool = context.getBean("pool", ExecutorService.class);
			ThreadPoolExecutor concrete = context.getBean(ThreadPoolExecutor.class);
			Run run = Northstar.noop().startRun("caller", Map.of());
			Future<String> fromTaskExecutor;
			Future<String> fromScheduler;
			Future<String> fromPool;
			List<Future<String>> fromInvokeAll;
			Future<String> fromConcrete;
			CompletableFuture<String> fromWrappedSupplier;
			try (TraceContext.Scope scope = TraceContext.of(run).makeCurrent()) {
				fromTaskExecutor = taskExecutor.submit(
						() -> seenTrace() + "/" + ApplicationExecutorsConfiguration.DECORATED.get());
				CompletableFuture<String> scheduled = new CompletableFuture<>();
				scheduler.schedule(() -> scheduled.complete(seenTrace()), java.time.Instant.now().plusMillis(20));
				fromScheduler = scheduled;
				fromPool = pool.submit(NorthstarContextPropagationAutoConfigurationTests::seenTrace);
				fromInvokeAll = pool.invokeAll(List.of(NorthstarContextPropagationAutoConfigurationTests::seenTrace,
						NorthstarContextPropagationAutoConfigurationTests::seenTrace));
				fromConcrete = concrete.submit(NorthstarContextPropagationAutoConfigurationTests::seenTrace);
				fromWrappedSupplier = CompletableFuture.supplyAsync(TraceContext.current()
					.wrapSupplier(NorthstarContextPropagationAutoConfigurationTests::seenTrace), concrete);
			}
			assertThat(fromTaskExecutor.get(10, TimeUnit.SECONDS)).isEqualTo(run.id() + "/true");
			assertThat(fromScheduler.get(10, TimeUnit.SECONDS)).isEqualTo(run.id().toString());
			assertThat(fromPool.get(10, TimeUnit.SECONDS)).isEqualTo(run.id().toString());
			for (Future<String> future : fromInvokeAll) {
				assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo(run.id().toString());
			}
			assertThat(fromConcrete.get(10, TimeUnit.SECONDS)).as("a concrete executor bean is left as it is")
				.isEqualTo("none");
			assertThat(fromWrappedSupplier.get(10, TimeUnit.SECONDS)).isEqualTo(run.id().toString());
			assertThat(output.getOut()).contains("cannot carry traces into executor bean 'concrete'");

			assertThat(taskExecutor.submit(() -> seenTrace() + "/" + ApplicationExecutorsConfiguration.DECORATED.get())
				.get(10, TimeUnit.SECONDS)).as("no trace leaks to later tasks").isEqualTo("none/true");
			assertThat(pool.submit(NorthstarContextPropagationAutoConfigurationTests::seenTrace)
				.get(10, TimeUnit.SECONDS)).isEqualTo("none");
		});
	}

	@SuppressWarnings("try")
	@Test
	void shouldLeaveTheApplicationsExecutorsAsTheyAreWhenExecutorContextPropagationIsFalse() {
		this.contextRunner.withPropertyValues("northstar.executor-context-propagation=false")
			.withUserConfiguration(ApplicationExecutorsConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(NorthstarExecutorBeanPostProcessor.class)
					.hasSingleBean(NorthstarTaskDecorator.class);
				Run run = Northstar.noop().startRun("caller", Map.of());
				Future<String> fromPool;
				try (TraceContext.Scope scope = TraceContext.of(run).makeCurrent()) {
					fromPool = context.getBean("pool", ExecutorService.class)
						.submit(NorthstarContextPropagationAutoConfigurationTests::seenTrace);
				}
				assertThat(fromPool.get(10, TimeUnit.SECONDS)).isEqualTo("none");
				assertThat(context.getBean("pool")).isInstanceOf(ThreadPoolExecutor.class);
			});
	}

	@Test
	void shouldLeaveTheApplicationsExecutorsAsTheyAreWhenTracingIsOff() {
		this.contextRunner.withPropertyValues("northstar.enabled=false")
			.withUserConfiguration(ApplicationExecutorsConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(NorthstarExecutorBeanPostProcessor.class);
				assertThat(context.getBean("pool")).isInstanceOf(ThreadPoolExecutor.class);
			});
	}

	/**
	 * A periodic task scheduled inside a trace runs its first time in that trace, and later times in none: the runs of
	 * a poller are not part of the request that started it, nor does it keep that request's run alive.
	 */
	@SuppressWarnings("try")
	@Test
	void shouldRunOnlyThePeriodicTasksFirstRunInTheTraceThatScheduledIt() {
		this.contextRunner
			.withUserConfiguration(ApplicationExecutorsConfiguration.class, PeriodicExecutorsConfiguration.class)
			.run((context) -> {
				ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
				ScheduledExecutorService ticker = context.getBean("ticker", ScheduledExecutorService.class);
				Run run = Northstar.noop().startRun("caller", Map.of());
				List<String> fromScheduler = new CopyOnWriteArrayList<>();
				List<String> fromTicker = new CopyOnWriteArrayList<>();
				CountDownLatch ticks = new CountDownLatch(6);
				ScheduledFuture<?> scheduled;
				ScheduledFuture<?> ticking;
				try (TraceContext.Scope scope = TraceContext.of(run).makeCurrent()) {
					scheduled = scheduler.scheduleWithFixedDelay(() -> tick(fromScheduler, ticks), Duration.ofMillis(5));
					ticking = ticker.scheduleWithFixedDelay(() -> tick(fromTicker, ticks), 0, 5, TimeUnit.MILLISECONDS);
				}
				assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
				scheduled.cancel(false);
				ticking.cancel(false);
				for (List<String> seen : List.of(fromScheduler, fromTicker)) {
					assertThat(seen.get(0)).isEqualTo(run.id().toString());
					assertThat(seen.subList(1, 3)).containsOnly("none");
				}
			});
	}

	private static void tick(List<String> seen, CountDownLatch ticks) {
		if (seen.size() < 3) {
			seen.add(seenTrace());
			ticks.countDown();
		}
	}

	private static String seenTrace() {
		return TraceContext.current().traceId().map(UUID::toString).orElse("none");
	}

	private static boolean accessorRegistered() {
		return ContextRegistry.getInstance()
			.getThreadLocalAccessors()
			.stream()
			.anyMatch((accessor) -> TraceContextThreadLocalAccessor.KEY.equals(accessor.key()));
	}

	/**
	 * Returns whether a Reactor operator on another thread sees the trace of its Reactor context, which takes
	 * Reactor's automatic context propagation. Registers the accessor first, so only the hook is probed.
	 */
	private static boolean reactorOperatorsRunInTheTrace() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new TraceContextThreadLocalAccessor());
		TraceContext trace = TraceContext.of(Northstar.noop().startRun("probe", Map.of()));
		Boolean seen = Mono.just("probe")
			.publishOn(Schedulers.boundedElastic())
			.map((value) -> !TraceContext.current().isEmpty())
			.contextWrite(Context.of(TraceContextThreadLocalAccessor.KEY, trace))
			.block(Duration.ofSeconds(10));
		return Boolean.TRUE.equals(seen);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		NorthstarTaskDecorator myDecorator() {
			return new NorthstarTaskDecorator();
		}

		@Bean
		TraceContextThreadLocalAccessor myAccessor() {
			return new TraceContextThreadLocalAccessor();
		}

	}

	/**
	 * Executors as applications declare them, built with {@code new} and initialized by hand.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ApplicationExecutorsConfiguration {

		static final ThreadLocal<Boolean> DECORATED = ThreadLocal.withInitial(() -> false);

		@Bean
		ThreadPoolTaskExecutor taskExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(2);
			executor.setThreadNamePrefix("tools-");
			executor.setTaskDecorator((runnable) -> () -> {
				DECORATED.set(true);
				try {
					runnable.run();
				}
				finally {
					DECORATED.remove();
				}
			});
			executor.initialize();
			return executor;
		}

		@Bean
		ThreadPoolTaskScheduler scheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setPoolSize(1);
			return scheduler;
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService pool() {
			return Executors.newFixedThreadPool(2);
		}

		@Bean(destroyMethod = "shutdownNow")
		ThreadPoolExecutor concrete() {
			return (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
		}

	}

	/**
	 * A scheduled executor as applications declare it, next to {@link ApplicationExecutorsConfiguration}'s scheduler.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PeriodicExecutorsConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService ticker() {
			return Executors.newSingleThreadScheduledExecutor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationDecoratorConfiguration {

		static final ThreadLocal<Boolean> DECORATED = ThreadLocal.withInitial(() -> false);

		@Bean
		TaskDecorator applicationDecorator() {
			return (runnable) -> () -> {
				DECORATED.set(true);
				try {
					runnable.run();
				}
				finally {
					DECORATED.remove();
				}
			};
		}

	}

}
