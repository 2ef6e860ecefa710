package ai.northstar.local;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link LocalIngestServer} does with each request: records it, then answers it as the backend would, unless
 * a queued fault, slowness or unavailability says otherwise. Never throws: a request it cannot answer has its
 * exchange closed. Thread-safe: the server's threads run it at once.
 */
final class IngestHandler implements HttpHandler {

	private final IngestProtocol protocol;

	private final RequestLog log;

	private final HeldAnswers held;

	private final Executor executor;

	private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

	private volatile @Nullable Duration slowResponses;

	private volatile boolean unavailable;

	/**
	 * Creates a handler.
	 * @param protocol the backend's answers
	 * @param log where requests are recorded
	 * @param held the answers that wait, trickle or never come
	 * @param executor the threads that answer a delayed request
	 */
	IngestHandler(IngestProtocol protocol, RequestLog log, HeldAnswers held, Executor executor) {
		this.protocol = protocol;
		this.log = log;
		this.held = held;
		this.executor = executor;
	}

	ConcurrentLinkedQueue<Fault> faults() {
		return this.faults;
	}

	void setSlowResponses(@Nullable Duration delay) {
		this.slowResponses = delay;
	}

	void setUnavailable(boolean unavailable) {
		this.unavailable = unavailable;
	}

	@Override
	public void handle(HttpExchange exchange) {
		try {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.log.add(exchange, body);
			Fault fault = this.faults.poll();
			if (fault != null) {
				switch (fault.type()) {
					case DROP_CONNECTION -> exchange.close();
					case SLOW -> later(exchange, body, fault.delay());
					case STATUS -> HeldAnswers.respond(exchange, fault.statusCode(), fault.body(), fault.retryAfter());
					case HANG -> this.held.hang(exchange);
					case TRICKLE -> {
						// Stored like a normal request; only the answer trickles.
						IngestProtocol.Answer answer = answer(exchange, body);
						this.held.trickle(exchange, answer.status(), answer.body(), fault.delay());
					}
				}
				return;
			}
			Duration delay = this.slowResponses;
			if (delay != null) {
				later(exchange, body, delay);
				return;
			}
			respond(exchange, body);
		}
		catch (IOException | RuntimeException ex) {
			exchange.close();
		}
	}

	private void later(HttpExchange exchange, byte[] body, Duration delay) {
		this.held.later(exchange, delay, this.executor, () -> respondQuietly(exchange, body));
	}

	private void respondQuietly(HttpExchange exchange, byte[] body) {
		try {
			respond(exchange, body);
		}
		catch (IOException | RuntimeException ex) {
			exchange.close();
		}
	}

	private void respond(HttpExchange exchange, byte[] body) throws IOException {
		IngestProtocol.Answer answer = answer(exchange, body);
		HeldAnswers.respond(exchange, answer.status(), answer.body(), null);
	}

	/**
	 * Handles a request as the backend does: validates, stores, and says what to answer. Sets the answer's headers
	 * but its content type, which {@link HeldAnswers} sets with the body.
	 */
	private IngestProtocol.Answer answer(HttpExchange exchange, byte[] body) {
		IngestProtocol.Answer answer = this.unavailable ? IngestProtocol.unavailable()
				: this.protocol.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders().getFirst("Authorization"), body);
		answer.headers().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Type")) {
				exchange.getResponseHeaders().set(name, value);
			}
		});
		return answer;
	}

}
