package ai.northstar.forked;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.northstar.CaptureOptions;
import ai.northstar.FlushStats;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Run;
import ai.northstar.Session;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.transport.IngestResponse;
import ai.northstar.transport.IngestTransport;

/**
 * Eight threads, each holding one long-lived run for the whole program, record events with content near the cap,
 * metadata and spans, paced so that the backend keeps up and most of it is sent (about 700 MB of content in all).
 * Run by
 * {@link ForkedDeliveryTests} in a JVM with a small heap and {@code -XX:+ExitOnOutOfMemoryError}: it prints its
 * figures and exits 0 if the heap held. Argument: the events each thread records.
 */
public final class MemoryBoundProgram {

	private MemoryBoundProgram() {
	}

	public static void main(String[] args) throws Exception {
		int events = Integer.parseInt(args[0]);
		IngestTransport slowSink = (body) -> CompletableFuture.supplyAsync(
				() -> new IngestResponse(200, "{\"accepted\":true}", null),
				CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
		Northstar client = Northstar.builder()
			.apiKey("ns_forked")
			.endpoint("http://127.0.0.1:9/ingest")
			.capture(CaptureOptions.all())
			.transport(slowSink)
			.build();
		NorthstarFlusher flusher = NorthstarFlusher.builder(client).flushInterval(Duration.ofMillis(10)).build().start();
		Session session = client.session();
		String content = "x".repeat(60 * 1024);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			Run run = session.run("long-lived " + t);
			Thread thread = new Thread(() -> {
				for (int i = 0; i < events; i++) {
					java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
					run.recordCustomEvent(content + i);
					if (i % 50 == 0) {
						run.putMetadata("step-" + (i % 500), content);
						try (Span span = run.span("tool " + i, SpanKind.TOOL, null, java.util.Map.of("args", content))) {
							span.recordToolResult(content);
						}
					}
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		flusher.close();
		FlushStats stats = client.stats();
		Runtime runtime = Runtime.getRuntime();
		System.out.println("OK sent=" + stats.sent() + " dropped=" + stats.dropped() + " maxHeapMiB="
				+ runtime.maxMemory() / (1024 * 1024));
	}

}
