package ai.northstar.prompt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import ai.northstar.Northstar;
import ai.northstar.NorthstarException;
import ai.northstar.internal.Checks;
import ai.northstar.transport.IngestTransport;
import org.jspecify.annotations.Nullable;

/**
 * Pulls versioned prompts from NorthStar, by label or exact version, and keeps them: what a client's
 * {@link Northstar#prompts()} returns (and, with the Spring Boot starter, an injectable bean).
 *
 * <pre>{@code
 * Prompts prompts = northstar.prompts();
 * Prompt prod = prompts.get("support-answer");              // the version labelled "prod"
 * Prompt staging = prompts.get("support-answer", "staging");
 * Prompt v3 = prompts.get("support-answer", 3);            // an exact version
 * }</pre>
 *
 * <b>Caching.</b> What a label points at is kept for the {@link Builder#cacheTtl(Duration) cache TTL}
 * ({@value #DEFAULT_CACHE_TTL_SECONDS} seconds by default); after that it is still served, at once, while one
 * background request asks for it again. An exact version never changes and is kept without expiry. At most
 * {@value #MAX_CACHED_PROMPTS} prompts are kept, the least recently used leaving first.
 * <p>
 * <b>Failures.</b> A pull waits for at most the request timeout, in one attempt. When NorthStar cannot be reached or
 * answers {@code 408}, {@code 429} or {@code 5xx}, the last good result is served (with one warning per prompt until
 * NorthStar answers again); with nothing cached, the prompt's fallback file is, when there is one: {@code {name}.txt}
 * in the {@link Builder#fallbackLocation(String) fallback location} ({@value #DEFAULT_FALLBACK_LOCATION} by default),
 * read as UTF-8, as a {@link Prompt#isFallback() fallback} prompt. Otherwise {@link #get(String)} throws a
 * {@link NorthstarException}; so does any other answer, such as {@code 404} for a prompt, label or version NorthStar
 * does not know (a cached result NorthStar no longer knows is dropped). A disabled client asks nothing and serves
 * fallback files only.
 * <p>
 * Background requests run on the transport's threads (the default transport's daemon threads), never on the
 * caller's, and nothing here runs while spans are recorded. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Prompts implements AutoCloseable {

	/** The label asked for when none is given. */
	public static final String DEFAULT_LABEL = "prod";

	/** The default time a label's result is served before it is asked for again, in seconds. */
	public static final long DEFAULT_CACHE_TTL_SECONDS = 60;

	/** The default time a label's result is served before it is asked for again. */
	public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(DEFAULT_CACHE_TTL_SECONDS);

	/** The default folder of the fallback files. */
	public static final String DEFAULT_FALLBACK_LOCATION = "classpath:/northstar/prompts/";

	/** The most prompts kept at once. */
	public static final int MAX_CACHED_PROMPTS = 1000;

	private final Duration cacheTtl;

	private final FallbackPrompts fallbacks;

	private final PromptLoader loader;

	private Prompts(Builder builder, Supplier<? extends IngestTransport> transport) {
		this.cacheTtl = builder.cacheTtl;
		this.fallbacks = builder.fallbacks;
		this.loader = new PromptLoader(builder.client, builder.cacheTtl, builder.fallbacks, builder.requestTimeout,
				new PromptResolver(transport), builder.ticker, builder.maxCachedPrompts);
	}

	/**
	 * Returns a builder of prompts for a client. A client's own {@link Northstar#prompts()} is usually what is
	 * wanted; build another only for settings the client was not built with.
	 * @param client the client whose spans compiled prompts are bound to, and whose {@link Northstar#isEnabled()}
	 * decides whether NorthStar is asked at all
	 * @return the builder
	 */
	public static Builder builder(Northstar client) {
		return new Builder(Objects.requireNonNull(client, "client must not be null"));
	}

	/**
	 * Returns the resolve URL that goes with an ingest URL: {@code /functions/v1/prompts/resolve} in place of a
	 * {@code /functions/v1/ingest-traces} ending (same scheme and host), else {@code /api/prompts/resolve} appended
	 * to the endpoint.
	 * @param ingestUri the ingest URL
	 * @return the resolve URL
	 */
	public static URI resolveUri(URI ingestUri) {
		return PromptResolver.resolveUri(Objects.requireNonNull(ingestUri, "ingestUri must not be null"));
	}

	/**
	 * Returns the version of a prompt labelled {@value #DEFAULT_LABEL}.
	 * @param name the prompt's name or slug
	 * @return the prompt
	 * @throws NorthstarException when NorthStar does not know it ({@link NorthstarException#status()} {@code 404}),
	 * or cannot be asked and neither a cached result nor a fallback file is there
	 */
	public Prompt get(String name) {
		return get(name, DEFAULT_LABEL);
	}

	/**
	 * Returns the version of a prompt a label points at.
	 * @param name the prompt's name or slug
	 * @param label the label, such as {@code staging}
	 * @return the prompt
	 * @throws NorthstarException when NorthStar does not know it ({@link NorthstarException#status()} {@code 404}),
	 * or cannot be asked and neither a cached result nor a fallback file is there
	 */
	public Prompt get(String name, String label) {
		requireText(name, "name");
		requireText(label, "label");
		return this.loader.get(PromptKey.label(name, label));
	}

	/**
	 * Returns an exact version of a prompt.
	 * @param name the prompt's name or slug
	 * @param version the version number, from 1
	 * @return the prompt
	 * @throws NorthstarException when NorthStar does not know it ({@link NorthstarException#status()} {@code 404}),
	 * or cannot be asked and neither a cached result nor a fallback file is there
	 */
	public Prompt get(String name, int version) {
		requireText(name, "name");
		if (version < 1) {
			throw new IllegalArgumentException("version must be >= 1, was " + version);
		}
		return this.loader.get(PromptKey.version(name, version));
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	/**
	 * Returns how long a label's result is served before it is asked for again.
	 * @return the cache TTL
	 */
	public Duration cacheTtl() {
		return this.cacheTtl;
	}

	/**
	 * Returns where fallback files are read from.
	 * @return the location, such as {@value #DEFAULT_FALLBACK_LOCATION}
	 */
	public String fallbackLocation() {
		return this.fallbacks.location();
	}

	/** Returns how many prompts are cached; for tests. */
	int cachedCount() {
		return this.loader.cachedCount();
	}

	/** Returns how many requests are on their way; for tests. */
	int pendingRequests() {
		return this.loader.pendingRequests();
	}

	/**
	 * Releases the transport, if one was created; later pulls serve what is cached or fallback files. Idempotent;
	 * never throws.
	 */
	@Override
	public void close() {
		this.loader.close();
	}

	@Override
	public String toString() {
		return "Prompts[cacheTtl=" + this.cacheTtl + ", fallbackLocation=" + this.fallbacks + "]";
	}

	/**
	 * Builds {@link Prompts}; every setting is checked as it is set.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Northstar client;

		private Duration cacheTtl = DEFAULT_CACHE_TTL;

		private FallbackPrompts fallbacks = FallbackPrompts.of(DEFAULT_FALLBACK_LOCATION);

		private Duration requestTimeout = Northstar.DEFAULT_REQUEST_TIMEOUT;

		private @Nullable Supplier<? extends IngestTransport> transport;

		private LongSupplier ticker = System::nanoTime;

		private int maxCachedPrompts = MAX_CACHED_PROMPTS;

		private Builder(Northstar client) {
			this.client = client;
		}

		/**
		 * Sets how long a label's result is served before it is asked for again; defaults to
		 * {@value #DEFAULT_CACHE_TTL_SECONDS} seconds.
		 * @param cacheTtl the time, positive
		 * @return this builder
		 */
		public Builder cacheTtl(Duration cacheTtl) {
			this.cacheTtl = Checks.requirePositive(cacheTtl, "cacheTtl");
			return this;
		}

		/**
		 * Sets the folder of the fallback files, {@code {name}.txt}: {@code classpath:} and a folder of the class
		 * path, {@code file:} and a folder, or a folder path. Defaults to {@value #DEFAULT_FALLBACK_LOCATION}.
		 * @param fallbackLocation the location, not blank
		 * @return this builder
		 */
		public Builder fallbackLocation(String fallbackLocation) {
			this.fallbacks = FallbackPrompts.of(fallbackLocation);
			return this;
		}

		/**
		 * Sets the longest time a pull waits for NorthStar; defaults to {@link Northstar#DEFAULT_REQUEST_TIMEOUT}.
		 * @param requestTimeout the time, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = Checks.requirePositive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Sets how the resolve requests are sent: a factory of a transport aimed at the
		 * {@link Prompts#resolveUri(URI) resolve URL} with the client's API key, called once, at the first pull, so
		 * that prompts never pulled open no connection and start no thread. {@link Prompts#close()} closes the
		 * transport. Required for an enabled client.
		 * <pre>{@code
		 * Prompts prompts = Prompts.builder(client)
		 *     .transport(() -> JdkHttpIngestTransport.builder()
		 *         .endpoint(Prompts.resolveUri(client.endpoint()))
		 *         .apiKey(apiKey)
		 *         .build())
		 *     .build();
		 * }</pre>
		 * @param transport the factory
		 * @return this builder
		 */
		public Builder transport(Supplier<? extends IngestTransport> transport) {
			this.transport = Objects.requireNonNull(transport, "transport must not be null");
			return this;
		}

		/** Sets the source of {@link System#nanoTime()}-like times the cache ages by; for tests. */
		Builder ticker(LongSupplier ticker) {
			this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
			return this;
		}

		/** Sets the most prompts kept; for tests. */
		Builder maxCachedPrompts(int maxCachedPrompts) {
			this.maxCachedPrompts = Checks.requirePositive(maxCachedPrompts, "maxCachedPrompts");
			return this;
		}

		/**
		 * Builds the prompts.
		 * @return the prompts
		 * @throws IllegalStateException when the client is enabled and no transport is set
		 */
		public Prompts build() {
			Supplier<? extends IngestTransport> selected = this.transport;
			if (selected == null) {
				if (this.client.isEnabled()) {
					throw new IllegalStateException("transport is required for an enabled client"
							+ " (its own prompts(), which has one, is usually what is wanted)");
				}
				selected = () -> {
					throw new IllegalStateException("a disabled client asks NorthStar nothing");
				};
			}
			return new Prompts(this, selected);
		}

	}

}
