package ai.northstar.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The answers of a {@link LocalIngestServer} that take their time: held back ({@link Fault#slow(Duration)}, slow
 * responses), trickled ({@link Fault#trickle(Duration)}) or never sent ({@link Fault#hang()}). They wait on a
 * scheduler of their own, so no handler thread is held; closing closes every exchange they still hold.
 */
final class HeldAnswers implements AutoCloseable {

	private final ScheduledThreadPoolExecutor scheduler;

	/** Exchanges held open by {@link Fault#hang()}. */
	private final Set<HttpExchange> hanging = ConcurrentHashMap.newKeySet();

	HeldAnswers(ThreadFactory threads) {
		this.scheduler = new ScheduledThreadPoolExecutor(1, threads);
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	/** Runs the handling of an exchange on the executor after the delay; closes the exchange if it cannot. */
	void later(HttpExchange exchange, Duration delay, Executor executor, Runnable handling) {
		try {
			this.scheduler.schedule(() -> {
				try {
					executor.execute(handling);
				}
				catch (RejectedExecutionException ex) {
					exchange.close();
				}
			}, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			exchange.close();
		}
	}

	/** Sends the headers of the answer at once, and its body one byte per delay. */
	void trickle(HttpExchange exchange, int status, byte[] body, Duration byteDelay) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		OutputStream out = exchange.getResponseBody();
		out.flush();
		trickleByte(exchange, out, body, 0, byteDelay);
	}

	/** Holds the exchange open, unanswered, until the server closes. */
	void hang(HttpExchange exchange) {
		this.hanging.add(exchange);
	}

	private void trickleByte(HttpExchange exchange, OutputStream out, byte[] body, int index, Duration byteDelay) {
		try {
			this.scheduler.schedule(() -> {
				try {
					out.write(body[index]);
					out.flush();
					if (index + 1 < body.length) {
						trickleByte(exchange, out, body, index + 1, byteDelay);
					}
					else {
						out.close();
						exchange.close();
					}
				}
				catch (IOException | RuntimeException ex) {
					exchange.close();
				}
			}, byteDelay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			exchange.close();
		}
	}

	/** Answers at once and closes the exchange. */
	static void respond(HttpExchange exchange, int status, @Nullable String body, @Nullable String retryAfter)
			throws IOException {
		respond(exchange, status, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0], retryAfter);
	}

	/** Answers at once and closes the exchange. */
	static void respond(HttpExchange exchange, int status, byte[] body, @Nullable String retryAfter)
			throws IOException {
		try {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if (retryAfter != null) {
				exchange.getResponseHeaders().set("Retry-After", retryAfter);
			}
			exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.hanging.forEach(HttpExchange::close);
		this.scheduler.shutdownNow();
	}

}
