package ai.northstar.prompt;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import ai.northstar.Northstar;
import ai.northstar.NorthstarException;
import ai.northstar.internal.Durations;
import ai.northstar.internal.SdkLoggers;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link Prompts}: serves a prompt from the cache, refreshes what is due in the background (one
 * request per prompt at a time), waits for what is not cached yet within the request timeout, and falls back on the
 * last good result or the fallback file when NorthStar fails. Thread-safe.
 */
final class PromptLoader implements AutoCloseable {

	private static final System.Logger logger = SdkLoggers.get(Prompts.class.getName());

	private final Northstar client;

	private final Duration cacheTtl;

	private final FallbackPrompts fallbacks;

	private final Duration requestTimeout;

	private final PromptResolver resolver;

	private final LongSupplier ticker;

	private final PromptCache cache;

	private final ConcurrentHashMap<PromptKey, CompletableFuture<ResolveOutcome>> inFlight = new ConcurrentHashMap<>();

	PromptLoader(Northstar client, Duration cacheTtl, FallbackPrompts fallbacks, Duration requestTimeout,
			PromptResolver resolver, LongSupplier ticker, int maxCachedPrompts) {
		this.client = client;
		this.cacheTtl = cacheTtl;
		this.fallbacks = fallbacks;
		this.requestTimeout = requestTimeout;
		this.resolver = resolver;
		this.ticker = ticker;
		this.cache = new PromptCache(maxCachedPrompts);
	}

	Prompt get(PromptKey key) {
		PromptCache.Entry entry = this.cache.get(key);
		if (entry != null) {
			if (entry.isDue(this.ticker.getAsLong())) {
				fetch(key);
			}
			return entry.prompt();
		}
		if (!this.client.isEnabled()) {
			return fallback(key, 0, "NorthStar is disabled", null);
		}
		ResolveOutcome outcome = await(key, fetch(key));
		Prompt prompt = outcome.prompt();
		if (prompt != null) {
			return prompt;
		}
		if (!outcome.transientFailure()) {
			throw new NorthstarException("NorthStar did not resolve prompt " + key + ": " + outcome.error(),
					outcome.status(), outcome.serverError());
		}
		PromptCache.Entry stored = this.cache.get(key);
		return (stored != null) ? stored.prompt()
				: fallback(key, outcome.status(), String.valueOf(outcome.error()), outcome.serverError());
	}

	/** Asks NorthStar, or joins the request for the same prompt already on its way. */
	private CompletableFuture<ResolveOutcome> fetch(PromptKey key) {
		CompletableFuture<ResolveOutcome> mine = new CompletableFuture<>();
		CompletableFuture<ResolveOutcome> existing = this.inFlight.putIfAbsent(key, mine);
		if (existing != null) {
			return existing;
		}
		this.resolver.resolve(key).whenComplete((outcome, failure) -> {
			ResolveOutcome result = (outcome != null) ? outcome
					: ResolveOutcome.failed(0, "the request failed: " + failure, null);
			try {
				apply(key, result);
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "NorthStar could not cache prompt " + key, ex);
			}
			finally {
				this.inFlight.remove(key, mine);
				mine.complete(result);
			}
		});
		return mine;
	}

	/** Keeps what NorthStar answered; runs on the thread that completed the request. */
	private void apply(PromptKey key, ResolveOutcome outcome) {
		long now = this.ticker.getAsLong();
		Prompt prompt = outcome.prompt();
		if (prompt != null) {
			boolean expires = !key.isImmutable();
			this.cache.put(key, new PromptCache.Entry(prompt, now + this.cacheTtl.toNanos(), expires, false));
			return;
		}
		if (!outcome.transientFailure()) {
			PromptCache.Entry dropped = this.cache.remove(key);
			if (dropped != null) {
				logger.log(Level.WARNING, "NorthStar no longer resolves prompt {0} ({1}): dropped it from the cache,"
						+ " the next get fails", key, outcome.error());
			}
			return;
		}
		PromptCache.Entry previous = this.cache.update(key,
				(entry) -> entry.retryAt(now + this.cacheTtl.toNanos()).warnedOnce());
		if (previous != null && !previous.warned()) {
			logger.log(Level.WARNING, "NorthStar could not refresh prompt {0} ({1}); serving {2} until it answers, asking"
					+ " again every {3}", key, outcome.error(), describe(previous.prompt()),
					Durations.format(this.cacheTtl));
		}
	}

	private ResolveOutcome await(PromptKey key, CompletableFuture<ResolveOutcome> fetch) {
		try {
			return fetch.get(this.requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return ResolveOutcome.failed(0, "no answer within " + Durations.format(this.requestTimeout), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ResolveOutcome.failed(0, "interrupted while waiting for NorthStar", null);
		}
		catch (ExecutionException ex) {
			return ResolveOutcome.failed(0, "the request failed: " + ex.getCause(), null);
		}
	}

	/** Serves the fallback file of a prompt nothing is cached for, or throws. */
	private Prompt fallback(PromptKey key, int status, String reason, @Nullable String serverError) {
		String file = FallbackPrompts.fileName(key.name());
		String content;
		try {
			content = this.fallbacks.read(key.name());
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.WARNING, "NorthStar could not read the fallback file {0} of prompt {1} in {2}: {3}", file,
					key, this.fallbacks, ex.toString());
			content = null;
		}
		if (content == null) {
			throw new NorthstarException("NorthStar could not resolve prompt " + key + " (" + reason
					+ "), has nothing cached for it, and there is no fallback file " + file + " in " + this.fallbacks,
					status, serverError);
		}
		boolean enabled = this.client.isEnabled();
		PromptCache.Entry entry = new PromptCache.Entry(Prompt.fallback(key.name(), content),
				this.ticker.getAsLong() + this.cacheTtl.toNanos(), enabled, true);
		PromptCache.Entry kept = this.cache.putIfAbsent(key, entry);
		if (kept == entry) {
			logger.log(enabled ? Level.WARNING : Level.DEBUG, "NorthStar could not resolve prompt {0} ({1}); serving"
					+ " the fallback file {2} from {3}", key, reason, file, this.fallbacks);
		}
		return kept.prompt();
	}

	private static String describe(Prompt prompt) {
		return prompt.isFallback() ? "its fallback file" : "the cached version " + prompt.version();
	}

	int cachedCount() {
		return this.cache.size();
	}

	int pendingRequests() {
		return this.inFlight.size();
	}

	/** Closes the transport, if one was created; never throws. */
	@Override
	public void close() {
		try {
			this.resolver.close();
		}
		catch (RuntimeException ex) {
			logger.log(Level.DEBUG, "NorthStar could not close the prompt transport: {0}", ex.toString());
		}
	}

}
