package ai.northstar.internal.export;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import ai.northstar.internal.Durations;
import ai.northstar.internal.SdkLoggers;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline tells about itself: its status for health checks, the last error and success, and its log lines.
 * Failed attempts are logged at most once per {@link #LOG_INTERVAL} with the count since the last line (at
 * {@code WARNING} in debug mode, else at {@code DEBUG}); a refused key or endpoint once, at {@code ERROR}, then every
 * attempt still refused (one a pause) at the level of failed attempts; each refused record once, at {@code WARNING}.
 * Written by the consumer, read by anyone.
 */
final class DeliveryHealth {

	/** Consecutive failed attempts after which the status is {@code DOWN}. */
	static final int FAILURES_BEFORE_DOWN = 3;

	/** How long the status stays {@code DOWN} after the backend refused a record. */
	static final Duration DOWN_AFTER_REJECTION = Duration.ofMinutes(1);

	/** The shortest time between two log lines about failed attempts. */
	static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

	/** The status values, as in {@code FlushStats.Status}. */
	enum Status {

		UNKNOWN, UP, DOWN

	}

	private static final System.Logger logger = SdkLoggers.get(ExportPipeline.class.getName());

	private final Clock clock;

	private final boolean debug;

	private volatile @Nullable String lastError;

	private volatile @Nullable AttemptResult lastFailedAttempt;

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Instant lastFailure;

	private volatile int consecutiveFailures;

	private volatile @Nullable String pausedBecause;

	private volatile long lastRejectionNanos;

	private volatile boolean rejectedOnce;

	private long lastFailureLogNanos;

	private int failuresNotLogged;

	DeliveryHealth(Clock clock, boolean debug) {
		this.clock = clock;
		this.debug = debug;
	}

	Status status() {
		if (this.pausedBecause != null || this.consecutiveFailures >= FAILURES_BEFORE_DOWN
				|| (this.rejectedOnce && System.nanoTime() - this.lastRejectionNanos < DOWN_AFTER_REJECTION.toNanos())) {
			return Status.DOWN;
		}
		return (this.lastSuccess != null) ? Status.UP : Status.UNKNOWN;
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	@Nullable AttemptResult lastFailedAttempt() {
		return this.lastFailedAttempt;
	}

	@Nullable Instant lastSuccess() {
		return this.lastSuccess;
	}

	@Nullable Instant lastFailure() {
		return this.lastFailure;
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	boolean isPaused() {
		return this.pausedBecause != null;
	}

	void stored() {
		this.consecutiveFailures = 0;
		this.lastSuccess = this.clock.instant();
		String paused = this.pausedBecause;
		if (paused != null) {
			this.pausedBecause = null;
			logger.log(Level.INFO, "NorthStar accepts batches again; sending resumed");
		}
	}

	/**
	 * A failed attempt.
	 * @param delay when it is retried, or {@code null} when the shutdown deadline comes first
	 */
	void failed(AttemptResult result, int records, @Nullable Duration delay) {
		this.consecutiveFailures++;
		this.lastFailedAttempt = result;
		recordError(result.describe());
		long now = System.nanoTime();
		this.failuresNotLogged++;
		if (this.lastFailureLogNanos == 0 || now - this.lastFailureLogNanos >= LOG_INTERVAL.toNanos()) {
			logger.log(this.debug ? Level.WARNING : Level.DEBUG,
					"NorthStar could not send a batch of {0} records ({1}); {2} failed attempt(s) since the last such"
							+ " line, {3} in a row; {4}",
					records, result.describe(), this.failuresNotLogged, this.consecutiveFailures,
					(delay != null) ? "retrying in " + Durations.format(delay) + ", records are kept"
							: "not retried before the shutdown deadline");
			this.lastFailureLogNanos = now;
			this.failuresNotLogged = 0;
		}
	}

	/** The backend refused the key or the endpoint answered a status nothing can get through. */
	void paused(AttemptResult result) {
		this.consecutiveFailures++;
		this.lastFailedAttempt = result;
		String error = result.describe();
		recordError(error);
		if (this.pausedBecause == null) {
			this.pausedBecause = error;
			if (FailurePolicy.isUnauthorized(result)) {
				logger.log(Level.ERROR, "NorthStar refused the API key ({0}): it is missing, invalid or revoked. Sending"
						+ " is paused and tried again once a minute; records are kept until max-retention passes.",
						error);
			}
			else {
				logger.log(Level.ERROR, "NorthStar''s endpoint answered {0}, which no batch can get past: check the"
						+ " endpoint. Sending is paused and tried again once a minute; records are kept until"
						+ " max-retention passes.", error);
			}
		}
		else {
			logger.log(this.debug ? Level.WARNING : Level.DEBUG,
					"NorthStar is still refused ({0}), {1} attempts in a row; sending stays paused, records are kept",
					error, String.valueOf(this.consecutiveFailures));
		}
	}

	/** The backend refused a record, which is dropped. */
	void rejected(ExportRecord record, AttemptResult result) {
		this.lastFailedAttempt = result;
		this.lastRejectionNanos = System.nanoTime();
		this.rejectedOnce = true;
		recordError(result.describe());
		logger.log(Level.WARNING, "NorthStar refused a {0} (id {1}): {2}. It is dropped, with the records that depend"
				+ " on it; please report this: the SDK should never send one.", record.kind().wireName(), record.id(),
				result.describe());
	}

	/** Any other failure of the consumer, such as an exception while cutting a batch. */
	void failed(String error) {
		this.consecutiveFailures++;
		this.lastFailedAttempt = new AttemptResult(0, false, error, null, 0);
		recordError(error);
	}

	private void recordError(String error) {
		this.lastError = error;
		this.lastFailure = this.clock.instant();
	}

}
