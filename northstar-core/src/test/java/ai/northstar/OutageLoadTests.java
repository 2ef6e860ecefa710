package ai.northstar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import ai.northstar.transport.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load test of {@link NorthstarFlusher}: eight threads record thousands of runs for about two minutes while the
 * backend is down for 90 seconds in the middle; everything is stored exactly as it ended, nothing dropped, no batch
 * refused.
 */
@Timeout(300)
class OutageLoadTests {

	private static final int THREADS = 8;

	private static final int RUNS_PER_THREAD = 300;

	/** Each thread records a run every this often, so recording spans the outage. */
	private static final Duration PACE = Duration.ofMillis(370);

	private static final Duration OUTAGE_START = Duration.ofSeconds(10);

	private static final Duration OUTAGE = Duration.ofSeconds(90);

	@Test
	void shouldStoreEveryRecordAsItEndedThroughANinetySecondOutage() throws Exception {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey(TestClients.API_KEY).build()) {
			Northstar client = TestClients.builder(server, CaptureOptions.all())
				.maxQueueSize(100_000)
				.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
					.maxBackoff(Duration.ofSeconds(2)).build())
				.build();
			NorthstarFlusher flusher = NorthstarFlusher.builder(client)
				.flushInterval(Duration.ofMillis(500))
				.shutdownTimeout(Duration.ofSeconds(60))
				.registerShutdownHook(false)
				.build()
				.start();
			ScheduledExecutorService outage = Executors.newSingleThreadScheduledExecutor();
			AtomicBoolean outageSeen = new AtomicBoolean();
			outage.schedule(() -> {
				server.setUnavailable(true);
				outageSeen.set(true);
			}, OUTAGE_START.toMillis(), TimeUnit.MILLISECONDS);
			outage.schedule(() -> server.setUnavailable(false), OUTAGE_START.plus(OUTAGE).toMillis(),
					TimeUnit.MILLISECONDS);
			Session session = client.session();
			Map<java.util.UUID, Expected> expected = new ConcurrentHashMap<>();
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				futures.add(threads.submit(() -> {
					start.await();
					for (int i = 0; i < RUNS_PER_THREAD; i++) {
						record(session, thread, i, expected);
						LockSupport.parkNanos(PACE.toNanos());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(240, TimeUnit.SECONDS);
			}
			threads.shutdown();
			outage.shutdown();
			assertThat(outage.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			session.end();
			flusher.close();

			assertThat(outageSeen).isTrue();
			assertThat(client.stats().droppedTotal()).as("dropped").isZero();
			assertThat(server.store().rejectedBatches()).isZero();
			assertThat(client.stats().lastFailure()).as("the outage was felt").isNotNull();
			assertThat(client.stats().lastError()).contains("503");
			assertThat(server.store().runs()).hasSize(THREADS * RUNS_PER_THREAD);
			for (StoredRun run : server.store().runs()) {
				Expected want = expected.get(run.id());
				assertThat(run.status()).as(run.name()).isEqualTo(want.status());
				assertThat(run.endedAt()).as(run.name()).isNotNull();
				assertThat(run.metadata().get("step").asInt()).isEqualTo(want.step());
				List<StoredSpan> spans = server.store().spansOf(run.id());
				assertThat(spans).hasSize(2).allSatisfy((span) -> assertThat(span.endedAt()).isNotNull());
				assertThat(server.store().eventsOf(run.id())).hasSize(3);
			}
			assertThat(server.store().session(session.id()).orElseThrow().endedAt()).isNotNull();
		}
	}

	private static void record(Session session, int thread, int index, Map<java.util.UUID, Expected> expected) {
		Run run = session.run("load " + thread + "-" + index, Map.of("thread", thread));
		run.recordUserInput("question " + index);
		try (Span agent = run.span("plan", SpanKind.AGENT)) {
			try (Span tool = agent.span("search", SpanKind.TOOL)) {
				tool.recordToolArguments(Map.of("q", index));
				tool.recordToolResult(List.of("doc-" + index));
			}
		}
		boolean fails = index % 7 == 0;
		if (fails) {
			run.recordError(new IllegalStateException("failure " + index));
		}
		run.putMetadata("step", index);
		run.close();
		expected.put(run.id(), new Expected(fails ? "error" : "ok", index));
	}

	private record Expected(String status, int step) {
	}

}
