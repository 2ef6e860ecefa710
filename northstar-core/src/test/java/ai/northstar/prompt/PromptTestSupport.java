package ai.northstar.prompt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import ai.northstar.CaptureOptions;
import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.RecordedRequest;
import ai.northstar.transport.JdkHttpIngestTransport;
import ai.northstar.transport.RetryPolicy;

/**
 * Clients and prompts wired to a {@link LocalIngestServer}, a clock the cache ages by, and a capture of the logs.
 */
final class PromptTestSupport {

	static final String API_KEY = "ns_test";

	private PromptTestSupport() {
	}

	static Northstar.Builder clientBuilder(LocalIngestServer server) {
		return Northstar.builder()
			.apiKey(API_KEY)
			.endpoint(server.ingestUri())
			.capture(CaptureOptions.all())
			.requestTimeout(Duration.ofSeconds(5))
			.retryPolicy(RetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(10))
				.maxBackoff(Duration.ofMillis(50))
				.build());
	}

	/** Prompts of the client asking the server with the JDK transport, aging by the ticker. */
	static Prompts.Builder prompts(Northstar client, LocalIngestServer server, LongSupplier ticker) {
		return Prompts.builder(client)
			.ticker(ticker)
			.requestTimeout(Duration.ofSeconds(5))
			.transport(() -> JdkHttpIngestTransport.builder()
				.endpoint(Prompts.resolveUri(server.ingestUri()))
				.apiKey(API_KEY)
				.build());
	}

	/** The resolve requests the server received. */
	static List<RecordedRequest> resolveRequests(LocalIngestServer server) {
		return server.requests().stream().filter((request) -> request.path().endsWith("/resolve")).toList();
	}

	/** A clock the test moves by hand. */
	static final class Ticker implements LongSupplier {

		private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

		@Override
		public long getAsLong() {
			return this.nanos.get();
		}

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

	}

	/** Captures what a class logs through {@link System.Logger} (to {@code java.util.logging} in these tests). */
	static final class Logs implements AutoCloseable {

		private final List<LogRecord> records = new CopyOnWriteArrayList<>();

		private final Logger logger;

		private final Level previousLevel;

		private final Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				Logs.this.records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};

		Logs(Class<?> type) {
			this.logger = Logger.getLogger(type.getName());
			this.previousLevel = this.logger.getLevel();
			this.logger.setLevel(Level.ALL);
			this.handler.setLevel(Level.ALL);
			this.logger.addHandler(this.handler);
		}

		/** The messages logged at the level, their parameters filled in. */
		List<String> messages(Level level) {
			SimpleFormatter formatter = new SimpleFormatter();
			return this.records.stream()
				.filter((record) -> record.getLevel().equals(level))
				.map(formatter::formatMessage)
				.toList();
		}

		@Override
		public void close() {
			this.logger.removeHandler(this.handler);
			this.logger.setLevel(this.previousLevel);
		}

	}

}
