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
 * JVM of its own. Arguments: the ingest endpoint, {@code return} or {@code exit}, and the number of runs.
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
		NorthstarFlusher.builder(client).batchSize(100_000).flushInterval(Duration.ofHours(1)).build().start();
		Session session = client.session();
		int runs = Integer.parseInt(args[2]);
		for (int i = 0; i < runs; i++) {
			Run run = session.run("script run " + i);
			run.recordUserInput("question " + i);
			run.close();
		}
		if (args[1].equals("exit")) {
			System.exit(0);
		}
	}

}
