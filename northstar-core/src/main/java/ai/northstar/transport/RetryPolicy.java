package ai.northstar.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * When and how long to wait before sending a batch again. Immutable.
 * <p>
 * After failed attempt {@code n} of a batch (counting from 1) the delay is
 * {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, then jittered:
 * <ul>
 * <li>{@link Jitter#EQUAL} (the default): half of the delay, plus a random part of up to the other half, so retries
 * of many clients spread out but never come back sooner than half the delay;</li>
 * <li>{@link Jitter#FULL}: a random delay between zero and the delay;</li>
 * <li>{@link Jitter#NONE}: the delay itself (for tests).</li>
 * </ul>
 * When the server asked for a delay with {@code Retry-After}, that delay is used instead, without jitter, capped at
 * {@link #maxRetryAfter()} (by default {@code 60s}, so that a misbehaving server cannot stall the exporter for hours).
 * <p>
 * Statuses {@code 408, 429, 500, 502, 503, 504} are retried, like the reference client. A client's background
 * {@link ai.northstar.NorthstarFlusher} retries for as long as its retention allows; a synchronous
 * {@link ai.northstar.Northstar#flush()} makes at most {@link #maxAttempts()} attempts per batch, then throws and keeps
 * the records. Example: <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).initialBackoff(Duration.ofSeconds(1)).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RetryPolicy {

	/** The default number of attempts, the first included. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** The default delay after the first failed attempt. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/** The default longest computed delay. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);

	/** The default factor between two consecutive delays. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/** The default longest delay taken from a {@code Retry-After} header. */
	public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

	/** The default jitter. */
	public static final Jitter DEFAULT_JITTER = Jitter.EQUAL;

	/** The statuses retried by default. */
	public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	private static final RetryPolicy DEFAULTS = builder().build();

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final double multiplier;

	private final Duration maxRetryAfter;

	private final Jitter jitter;

	private final Set<Integer> retryableStatuses;

	private final DoubleSupplier random;

	RetryPolicy(Builder builder, DoubleSupplier random) {
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.multiplier = builder.multiplier;
		this.maxRetryAfter = builder.maxRetryAfter;
		this.jitter = builder.jitter;
		this.retryableStatuses = Set.copyOf(builder.retryableStatuses);
		this.random = random;
	}

	/**
	 * Returns the default policy: {@value #DEFAULT_MAX_ATTEMPTS} attempts, {@code 500ms} doubling up to {@code 60s},
	 * equal jitter, {@code Retry-After} honoured up to {@code 60s}.
	 * @return the default policy
	 */
	public static RetryPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the most attempts a batch gets, the first included.
	 * @return the maximum number of attempts
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Returns the delay after the first failed attempt, before jitter.
	 * @return the initial backoff
	 */
	public Duration initialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * Returns the longest computed delay, before jitter.
	 * @return the maximum backoff
	 */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Returns the factor between two consecutive delays.
	 * @return the multiplier
	 */
	public double multiplier() {
		return this.multiplier;
	}

	/**
	 * Returns the longest delay taken from a {@code Retry-After} header.
	 * @return the cap of server-requested delays
	 */
	public Duration maxRetryAfter() {
		return this.maxRetryAfter;
	}

	/**
	 * Returns how computed delays are randomized.
	 * @return the jitter
	 */
	public Jitter jitter() {
		return this.jitter;
	}

	/**
	 * Returns the HTTP statuses worth another attempt.
	 * @return the retryable statuses
	 */
	public Set<Integer> retryableStatuses() {
		return this.retryableStatuses;
	}

	/**
	 * Returns whether a response status is worth another attempt.
	 * @param status the HTTP status
	 * @return {@code true} for a retryable status
	 */
	public boolean isRetryable(int status) {
		return this.retryableStatuses.contains(status);
	}

	/**
	 * Returns how long to wait after a failed attempt before the next one.
	 * @param attempt the number of the attempt that failed, counting from 1
	 * @param retryAfter the delay the server asked for with {@code Retry-After}, if any
	 * @return the delay: the server's (capped at {@link #maxRetryAfter()}) when given, else the jittered
	 * exponential backoff
	 */
	public Duration backoff(int attempt, @Nullable Duration retryAfter) {
		if (attempt < 1) {
			throw new IllegalArgumentException("attempt must be > 0, was " + attempt);
		}
		if (retryAfter != null) {
			if (retryAfter.isNegative()) {
				return Duration.ZERO;
			}
			return (retryAfter.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : retryAfter;
		}
		double exponential = this.initialBackoff.toNanos() * Math.pow(this.multiplier, attempt - 1);
		long nanos = (long) Math.min(exponential, this.maxBackoff.toNanos());
		return Duration.ofNanos(switch (this.jitter) {
			case NONE -> nanos;
			case FULL -> (long) (nanos * this.random.getAsDouble());
			case EQUAL -> nanos / 2 + (long) ((nanos - nanos / 2) * this.random.getAsDouble());
		});
	}

	@Override
	public String toString() {
		return "RetryPolicy[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
				+ ", maxBackoff=" + this.maxBackoff + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter
				+ ", maxRetryAfter=" + this.maxRetryAfter + ", retryableStatuses=" + new TreeSet<>(this.retryableStatuses)
				+ "]";
	}

	/**
	 * How a computed delay is randomized.
	 */
	public enum Jitter {

		/** The computed delay itself. */
		NONE,

		/** A uniformly random delay between zero and the computed delay. */
		FULL,

		/** Half the computed delay plus a uniformly random part of up to the other half. */
		EQUAL

	}

	/**
	 * Builds a {@link RetryPolicy}; every setting is checked as it is set.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private double multiplier = DEFAULT_MULTIPLIER;

		private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

		private Jitter jitter = DEFAULT_JITTER;

		private Set<Integer> retryableStatuses = DEFAULT_RETRYABLE_STATUSES;

		Builder() {
		}

		/**
		 * Sets the most attempts a batch gets, the first included; {@value RetryPolicy#DEFAULT_MAX_ATTEMPTS} by
		 * default. {@code 1} disables retries.
		 * @param maxAttempts the maximum, {@code > 0}
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts <= 0) {
				throw new IllegalArgumentException("maxAttempts must be > 0, was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Sets the delay after the first failed attempt; {@code 500ms} by default.
		 * @param initialBackoff the delay, not negative
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
			return this;
		}

		/**
		 * Sets the longest computed delay; {@code 10s} by default. Must not be shorter than the initial backoff.
		 * @param maxBackoff the delay, not negative
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
			return this;
		}

		/**
		 * Sets the factor between two consecutive delays; {@value RetryPolicy#DEFAULT_MULTIPLIER} by default.
		 * @param multiplier the factor, {@code >= 1}
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Sets the longest delay taken from a {@code Retry-After} header; {@code 60s} by default.
		 * @param maxRetryAfter the cap, not negative
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = notNegative(maxRetryAfter, "maxRetryAfter");
			return this;
		}

		/**
		 * Sets how computed delays are randomized; {@link Jitter#EQUAL} by default.
		 * @param jitter the jitter
		 * @return this builder
		 */
		public Builder jitter(Jitter jitter) {
			this.jitter = Objects.requireNonNull(jitter, "jitter must not be null");
			return this;
		}

		/**
		 * Sets the HTTP statuses worth another attempt; {@code 408, 429, 500, 502, 503, 504} by default.
		 * @param statuses the statuses, each between 100 and 599
		 * @return this builder
		 */
		public Builder retryableStatuses(int... statuses) {
			Objects.requireNonNull(statuses, "statuses must not be null");
			for (int status : statuses) {
				if (status < 100 || status > 599) {
					throw new IllegalArgumentException("retryableStatuses must be between 100 and 599, was " + status);
				}
			}
			this.retryableStatuses = Set.copyOf(Arrays.stream(statuses).boxed().toList());
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 * @throws IllegalArgumentException when {@code maxBackoff} is shorter than {@code initialBackoff}
		 */
		public RetryPolicy build() {
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new IllegalArgumentException("maxBackoff must be >= initialBackoff (" + this.initialBackoff
						+ "), was " + this.maxBackoff);
			}
			return new RetryPolicy(this, () -> ThreadLocalRandom.current().nextDouble());
		}

		private static Duration notNegative(Duration duration, String name) {
			Objects.requireNonNull(duration, () -> name + " must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + duration);
			}
			return duration;
		}

	}

}
