package ai.northstar.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback ingest endpoint that costs as little as an HTTP server can: it checks the path and the Bearer key,
 * reads every byte of the body and answers {@code 200 {"accepted": true}}, on the server's dispatcher thread. It
 * stands for a backend on another machine, whose work does not take CPU from the flusher being measured; what it
 * does not check (the records themselves), the flusher benchmark against a validating {@code LocalIngestServer}
 * and the tests do.
 */
final class SinkIngestServer implements AutoCloseable {

	private static final byte[] ACCEPTED = "{\"accepted\": true}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] REFUSED = "{\"error\": \"Invalid API key\"}".getBytes(StandardCharsets.UTF_8);

	private static final String SINK_THREAD_PREFIX = "sink-";

	private static final java.util.concurrent.atomic.AtomicInteger SINK_THREADS = new java.util.concurrent.atomic.AtomicInteger();

	private static final byte[] NOTHING = new byte[0];

	private final HttpServer server;

	private final String authorization;

	private final LongAdder requests = new LongAdder();

	private final LongAdder bytes = new LongAdder();

	SinkIngestServer(String apiKey) {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.authorization = "Bearer " + apiKey;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the sink server", ex);
		}
		this.server.createContext("/ingest", this::handle);
		this.server.createContext("/v1/traces", this::handleOtlp);
		this.server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, SINK_THREAD_PREFIX + SINK_THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	URI ingestUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/ingest");
	}

	/** The OTLP/HTTP traces endpoint of the same server. */
	URI otlpUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces");
	}

	/** Whether a thread is one of a sink's (its handlers, or the JDK server's dispatcher). */
	static boolean isSinkThread(Thread thread) {
		return thread.getName().startsWith(SINK_THREAD_PREFIX) || thread.getName().startsWith("HTTP-Dispatcher");
	}

	long requests() {
		return this.requests.sum();
	}

	long bytes() {
		return this.bytes.sum();
	}

	private void handle(HttpExchange exchange) throws IOException {
		answer(exchange, ACCEPTED, "application/json");
	}

	/** Answers an OTLP/HTTP export: {@code 200} with an empty {@code ExportTraceServiceResponse}. */
	private void handleOtlp(HttpExchange exchange) throws IOException {
		answer(exchange, NOTHING, "application/x-protobuf");
	}

	private void answer(HttpExchange exchange, byte[] success, String contentType) throws IOException {
		try (exchange) {
			long read = 0;
			byte[] chunk = new byte[16 * 1024];
			try (InputStream body = exchange.getRequestBody()) {
				for (int n; (n = body.read(chunk)) != -1;) {
					read += n;
				}
			}
			boolean authorized = this.authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] response = authorized ? success : REFUSED;
			exchange.getResponseHeaders().set("Content-Type", authorized ? contentType : "application/json");
			exchange.sendResponseHeaders(authorized ? 200 : 401, (response.length > 0) ? response.length : -1);
			if (response.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(response);
				}
			}
			this.requests.increment();
			this.bytes.add(read);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
