package ai.northstar.local.spring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import ai.northstar.local.IngestProtocol;
import ai.northstar.local.viewer.ViewerPages;
import ai.northstar.local.viewer.ViewerResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The local NorthStar's own HTTP server, on the JDK's server: the ingest and prompt endpoints
 * ({@link IngestProtocol}) and, when given, the viewer at {@value ViewerPages#PATH}.
 */
final class LocalNorthstarHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final IngestProtocol protocol;

	private final @Nullable ViewerPages viewer;

	LocalNorthstarHttpServer(InetSocketAddress address, IngestProtocol protocol, @Nullable ViewerPages viewer) {
		this.protocol = protocol;
		this.viewer = viewer;
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "northstar-local-server-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.server = HttpServer.create(address, 128);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("Could not listen on " + address, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body = exchange.getRequestBody().readAllBytes();
			if (this.viewer != null && (path.equals(ViewerPages.PATH) || path.startsWith(ViewerPages.PATH + "/"))
					&& "GET".equals(exchange.getRequestMethod())) {
				ViewerResponse page = this.viewer.handle(path, params(exchange.getRequestURI()));
				page.headers().forEach(exchange.getResponseHeaders()::set);
				send(exchange, page.status(), page.contentType(), page.body());
				return;
			}
			if (this.viewer != null && path.equals("/")) {
				exchange.getResponseHeaders().set("Location", ViewerPages.PATH);
				send(exchange, 302, "text/plain", new byte[0]);
				return;
			}
			IngestProtocol.Answer answer = this.protocol.handle(exchange.getRequestMethod(), path,
					exchange.getRequestHeaders().getFirst("Authorization"), body);
			answer.headers().forEach(exchange.getResponseHeaders()::set);
			send(exchange, answer.status(), answer.headers().getOrDefault("Content-Type", "application/json"),
					answer.body());
		}
		catch (IOException | RuntimeException ex) {
			// the client went away, or the answer could not be written: nothing more to do for this exchange
		}
	}

	static Map<String, String> params(URI uri) {
		Map<String, String> params = new LinkedHashMap<>();
		String query = uri.getRawQuery();
		if (query == null || query.isEmpty()) {
			return params;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			params.putIfAbsent(key, value);
		}
		return params;
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
