package ai.northstar.forked;

import java.time.Duration;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.NorthstarFlusher;
import ai.northstar.Run;
import ai.northstar.Session;

/**
 * A plain Java program that records runs with a started flusher and ends without closing anything, the way a
 * script does: its {@code main} returns, or it calls {@code System.exit}. Run by {@link ForkedDeliveryTests} in a
 * JVM of its own. Arguments: the ingest endpoint, {@code return} or {@code exit}, the number of runs, and optionally
 * the flusher's shutdown timeout in milliseconds.
 */
public final class ShutdownHookProgram {

	private ShutdownHookProgram() {
	}

	public static void main(String[] args) {
		Northstar client = Northstar.builder()
			.apiKey("ns_forked")
			.endpoint(args[0])
			.capture(CaptureOptions.all())
			.build();
		// Nothing is sent before the program ends: no batch fills up, and the interval is an hour.
		Duration shutdownTimeout = (args.length > 3) ? Duration.ofMillis(Long.parseLong(args[3]))
				: NorthstarFlusher.DEFAULT_SHUTDOWN_TIMEOUT;
		NorthstarFlusher.builder(client)
			.batchSize(100_000)
			.flushInterval(Duration.ofHours(1))
			.shutdownTimeout(shutdownTimeout)
			.build()
			.start();
		Session session = client.session();
		int runs = Integer.parseInt(args[2]);
		for (int i = 0; i < runs; i++) {
			Run run = session.run("script run " + i);
			run.recordUserInput("question " + i);
			run.close();
		}
		// And one run in the process session, which only the client's end can end.
		client.trace("script trace", () -> "done");
		if (args[1].equals("exit")) {
			System.exit(0);
		}
	}

}
