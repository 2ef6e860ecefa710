package ai.northstar.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server that speaks the NorthStar ingest protocol and stores what it accepts in a
 * {@link LocalStore}. It answers like the real backend: {@code 405} for a method other than {@code POST}
 * ({@code 204} for a CORS {@code OPTIONS}), {@code 401} without a valid {@code Authorization: Bearer} key,
 * {@code 400 {"error": ...}} for a body that is not plain JSON, fails validation or references unknown records,
 * {@code 500} for U+0000, and
 * {@code 200 {"accepted": true}} once the batch is stored. It resolves prompts at
 * {@code /functions/v1/prompts/resolve} (and {@code /api/prompts/resolve}) from the store's
 * {@link LocalStore#prompts() prompt registry}; see {@link IngestProtocol} for every answer. Other paths answer
 * {@code 404}.
 * <p>
 * Prompts are defined in code or loaded from JSON files before (or while) the server runs: <pre>{@code
 * server.store().prompts().define("support-answer", 1, List.of("prod"), "Answer {{ question }}.", "gpt-4o", 0.2,
 *         512, List.of("question"));
 * server.store().prompts().load(Path.of("src/test/resources/prompts"));
 * }</pre>
 * <p>
 * For tests it records every request ({@link #requests()}) and can misbehave on demand:
 * {@link #enqueueFault(Fault)} for the next requests, {@link #setSlowResponses(Duration)} and
 * {@link #setUnavailable(boolean)} for all of them.
 * <p>
 * Example: <pre>{@code
 * try (LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_test").build()) {
 *     URI endpoint = server.ingestUri();
 *     // ... send batches ...
 *     assertThat(server.store().runs()).hasSize(1);
 * }
 * }</pre>
 * The server binds when built; {@link #close()} stops it (its threads are daemons, but the JDK server's dispatcher
 * thread is not, so always close it).
 *
 * @since 0.1.0
 */
public final class LocalIngestServer implements AutoCloseable {

	static {
		// The JDK server writes a response in several small packets; with Nagle's algorithm on, each exchange can
		// stall on the client's delayed ACK (about 40 ms on Linux). Read once, when the first server is created.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	/** The path of the ingest endpoint. */
	public static final String INGEST_PATH = IngestProtocol.INGEST_PATH;

	/** The default number of threads handling requests. */
	public static final int DEFAULT_EXECUTOR_THREADS = 4;

	/** The default number of requests kept by {@link #requests()}. */
	public static final int DEFAULT_MAX_RECORDED_REQUESTS = 1000;

	private final HttpServer server;

	private final ExecutorService executor;

	private final HeldAnswers held;

	private final LocalStore store;

	private final IngestProtocol protocol;

	private volatile Set<String> apiKeys;

	private final RequestLog log;

	private final IngestHandler handler;

	private final AtomicBoolean closed = new AtomicBoolean();

	LocalIngestServer(Builder builder) {
		this.store = builder.store;
		this.apiKeys = Set.copyOf(builder.apiKeys);
		this.protocol = new IngestProtocol(this.store, () -> this.apiKeys);
		this.log = new RequestLog(builder.maxRecordedRequests);
		this.executor = new ThreadPoolExecutor(builder.executorThreads, builder.executorThreads, 0L,
				TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemonThreads("northstar-local-http-"));
		this.held = new HeldAnswers(daemonThreads("northstar-local-delay-"));
		this.handler = new IngestHandler(this.protocol, this.log, this.held, this.executor);
		try {
			InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
			this.server = HttpServer.create(new InetSocketAddress(loopback, builder.port), 128);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			this.held.close();
			throw new UncheckedIOException("Could not bind the local ingest server to port " + builder.port, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this.handler);
		this.server.start();
	}

	/**
	 * Starts a server on a free port with a new store, accepting any non-blank Bearer key.
	 * @return the running server
	 */
	public static LocalIngestServer create() {
		return builder().build();
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Returns the base URI, {@code http://127.0.0.1:<port>}.
	 * @return the base URI
	 */
	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + port());
	}

	/**
	 * Returns the ingest endpoint, {@code http://127.0.0.1:<port>/functions/v1/ingest-traces}.
	 * @return the ingest URI
	 */
	public URI ingestUri() {
		return URI.create(baseUri() + INGEST_PATH);
	}

	/**
	 * Returns the store that accepted batches go to.
	 * @return the store
	 */
	public LocalStore store() {
		return this.store;
	}

	/**
	 * Returns the last requests received (up to the configured maximum), oldest first, including those answered
	 * by a fault or an error.
	 * @return a snapshot of the recorded requests
	 */
	public List<RecordedRequest> requests() {
		return this.log.requests();
	}

	/**
	 * Returns the last request received.
	 * @return the last request, or {@code null} when none was received
	 */
	public @Nullable RecordedRequest lastRequest() {
		return this.log.last();
	}

	/**
	 * Returns how many requests were received since the server started or {@link #clearRequests()} was called.
	 * @return the request count
	 */
	public int requestCount() {
		return this.log.count();
	}

	/**
	 * Forgets the recorded requests and resets {@link #requestCount()}.
	 */
	public void clearRequests() {
		this.log.clear();
	}

	/**
	 * Queues a fault for the next request that has no fault yet. Faults take precedence over
	 * {@link #setUnavailable(boolean) unavailability} and {@link #setSlowResponses(Duration) slowness}.
	 * @param fault the fault
	 */
	public void enqueueFault(Fault fault) {
		this.handler.faults().add(Objects.requireNonNull(fault, "fault must not be null"));
	}

	/**
	 * Discards the queued faults.
	 */
	public void clearFaults() {
		this.handler.faults().clear();
	}

	/**
	 * Returns how many queued faults are still waiting for a request.
	 * @return the number of pending faults
	 */
	public int pendingFaults() {
		return this.handler.faults().size();
	}

	/**
	 * Delays every response (after queued faults) by the given time, then handles the request normally.
	 * @param delay the delay, or {@code null} or zero for none
	 */
	public void setSlowResponses(@Nullable Duration delay) {
		if (delay != null && delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		this.handler.setSlowResponses((delay != null && !delay.isZero()) ? delay : null);
	}

	/**
	 * Makes every request (after queued faults) answer {@code 503 Service Unavailable}, or back to normal.
	 * @param unavailable whether the server is unavailable
	 */
	public void setUnavailable(boolean unavailable) {
		this.handler.setUnavailable(unavailable);
	}

	/**
	 * Replaces the accepted API keys, for instance to let a client whose key was refused in (with none, every
	 * non-blank Bearer key is accepted).
	 * @param apiKeys the keys
	 */
	public void setApiKeys(Collection<String> apiKeys) {
		Objects.requireNonNull(apiKeys, "apiKeys must not be null");
		apiKeys.forEach((key) -> {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("apiKeys must not contain blank keys");
			}
		});
		this.apiKeys = Set.copyOf(apiKeys);
	}

	/**
	 * Stops the server at once, closing open connections. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.held.close();
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	@Override
	public String toString() {
		return "LocalIngestServer[" + ingestUri() + "]";
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Builds and starts a {@link LocalIngestServer}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Set<String> apiKeys = new LinkedHashSet<>();

		private LocalStore store = LocalStore.create();

		private int executorThreads = DEFAULT_EXECUTOR_THREADS;

		private int port;

		private int maxRecordedRequests = DEFAULT_MAX_RECORDED_REQUESTS;

		private final List<PromptDefinition> prompts = new ArrayList<>();

		private final List<Path> promptFiles = new ArrayList<>();

		Builder() {
		}

		/**
		 * Defines a prompt version in the store when the server is built; see {@link PromptRegistry}.
		 * @param prompt the prompt version
		 * @return this builder
		 */
		public Builder prompt(PromptDefinition prompt) {
			this.prompts.add(Objects.requireNonNull(prompt, "prompt must not be null"));
			return this;
		}

		/**
		 * Loads the prompt versions of a JSON file, or of every {@code *.json} file of a directory, into the store
		 * when the server is built; see {@link PromptFiles} for the format.
		 * @param path the file or directory
		 * @return this builder
		 */
		public Builder prompts(Path path) {
			this.promptFiles.add(Objects.requireNonNull(path, "path must not be null"));
			return this;
		}

		/**
		 * Adds an accepted API key. Without any, every non-blank Bearer key is accepted.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			Objects.requireNonNull(apiKey, "apiKey must not be null");
			if (apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			this.apiKeys.add(apiKey);
			return this;
		}

		/**
		 * Adds accepted API keys. Without any, every non-blank Bearer key is accepted.
		 * @param apiKeys the keys
		 * @return this builder
		 */
		public Builder apiKeys(Collection<String> apiKeys) {
			Objects.requireNonNull(apiKeys, "apiKeys must not be null");
			new ArrayList<>(apiKeys).forEach(this::apiKey);
			return this;
		}

		/**
		 * Sets the store accepted batches go to; a new one by default.
		 * @param store the store
		 * @return this builder
		 */
		public Builder store(LocalStore store) {
			this.store = Objects.requireNonNull(store, "store must not be null");
			return this;
		}

		/**
		 * Sets the number of threads handling requests, {@value LocalIngestServer#DEFAULT_EXECUTOR_THREADS} by default.
		 * @param executorThreads the thread count, {@code > 0}
		 * @return this builder
		 */
		public Builder executorThreads(int executorThreads) {
			if (executorThreads <= 0) {
				throw new IllegalArgumentException("executorThreads must be > 0, was " + executorThreads);
			}
			this.executorThreads = executorThreads;
			return this;
		}

		/**
		 * Sets the port, {@code 0} (any free port) by default.
		 * @param port the port, 0 to 65535
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Sets how many of the last requests {@link LocalIngestServer#requests()} keeps,
		 * {@value LocalIngestServer#DEFAULT_MAX_RECORDED_REQUESTS} by default.
		 * @param maxRecordedRequests the maximum, {@code >= 0}
		 * @return this builder
		 */
		public Builder maxRecordedRequests(int maxRecordedRequests) {
			if (maxRecordedRequests < 0) {
				throw new IllegalArgumentException("maxRecordedRequests must be >= 0, was " + maxRecordedRequests);
			}
			this.maxRecordedRequests = maxRecordedRequests;
			return this;
		}

		/**
		 * Binds and starts the server.
		 * @return the running server
		 * @throws UncheckedIOException when the port cannot be bound
		 * @throws IllegalArgumentException when a prompt file cannot be read
		 */
		public LocalIngestServer build() {
			this.prompts.forEach(this.store.prompts()::define);
			this.promptFiles.forEach(this.store.prompts()::load);
			return new LocalIngestServer(this);
		}

	}

}
