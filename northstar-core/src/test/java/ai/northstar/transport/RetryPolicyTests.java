package ai.northstar.transport;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryPolicy}.
 */
class RetryPolicyTests {

	@Test
	void shouldUseReferenceDefaultsWhenNothingIsSet() {
		RetryPolicy policy = RetryPolicy.defaults();
		assertThat(policy.maxAttempts()).isEqualTo(3);
		assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
		assertThat(policy.multiplier()).isEqualTo(2.0);
		assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
		assertThat(policy.jitter()).isEqualTo(RetryPolicy.Jitter.EQUAL);
		assertThat(policy.retryableStatuses()).containsExactlyInAnyOrder(408, 429, 500, 502, 503, 504);
		assertThat(policy).hasToString("RetryPolicy[maxAttempts=3, initialBackoff=PT0.5S, maxBackoff=PT1M, "
				+ "multiplier=2.0, jitter=EQUAL, maxRetryAfter=PT1M, retryableStatuses=[408, 429, 500, 502, 503, 504]]");
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
	void shouldRetryWhenStatusIsTransient(int status) {
		assertThat(RetryPolicy.defaults().isRetryable(status)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 301, 400, 401, 403, 404, 405, 413, 501 })
	void shouldNotRetryWhenStatusIsFinal(int status) {
		assertThat(RetryPolicy.defaults().isRetryable(status)).isFalse();
	}

	@Test
	void shouldRetryOnlyGivenStatusesWhenSet() {
		RetryPolicy policy = RetryPolicy.builder().retryableStatuses(503).build();
		assertThat(policy.isRetryable(503)).isTrue();
		assertThat(policy.isRetryable(500)).isFalse();
	}

	@Test
	void shouldGrowExponentiallyUpToMaxBackoffWhenJitterIsNone() {
		RetryPolicy policy = RetryPolicy.builder().jitter(RetryPolicy.Jitter.NONE).build();
		assertThat(policy.backoff(1, null)).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.backoff(2, null)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.backoff(3, null)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.backoff(6, null)).isEqualTo(Duration.ofSeconds(16));
		assertThat(policy.backoff(8, null)).isEqualTo(Duration.ofSeconds(60));
		assertThat(policy.backoff(1000, null)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void shouldUseMultiplierWhenSet() {
		RetryPolicy policy = RetryPolicy.builder()
			.jitter(RetryPolicy.Jitter.NONE)
			.initialBackoff(Duration.ofMillis(100))
			.multiplier(3)
			.build();
		assertThat(policy.backoff(3, null)).isEqualTo(Duration.ofMillis(900));
	}

	@Test
	void shouldStayWithinBoundsWhenJitterIsFullOrEqual() {
		RetryPolicy.Builder full = RetryPolicy.builder().jitter(RetryPolicy.Jitter.FULL);
		assertThat(new RetryPolicy(full, () -> 0.0).backoff(2, null)).isEqualTo(Duration.ZERO);
		assertThat(new RetryPolicy(full, () -> 0.5).backoff(2, null)).isEqualTo(Duration.ofMillis(500));
		RetryPolicy.Builder equal = RetryPolicy.builder().jitter(RetryPolicy.Jitter.EQUAL);
		assertThat(new RetryPolicy(equal, () -> 0.0).backoff(2, null)).isEqualTo(Duration.ofMillis(500));
		assertThat(new RetryPolicy(equal, () -> 0.5).backoff(2, null)).isEqualTo(Duration.ofMillis(750));
		RetryPolicy random = RetryPolicy.defaults();
		for (int i = 0; i < 200; i++) {
			assertThat(random.backoff(2, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void shouldHonourRetryAfterWhenServerSendsIt() {
		RetryPolicy policy = RetryPolicy.defaults();
		assertThat(policy.backoff(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.backoff(3, Duration.ZERO)).isEqualTo(Duration.ZERO);
		assertThat(policy.backoff(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void shouldCapRetryAfterWhenServerAsksTooMuch() {
		assertThat(RetryPolicy.defaults().backoff(1, Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(60));
		RetryPolicy policy = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(5)).build();
		assertThat(policy.backoff(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void shouldRejectInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
			.withMessage("maxAttempts must be > 0, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)))
			.withMessage("initialBackoff must not be negative, was PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofSeconds(-1)))
			.withMessage("maxBackoff must not be negative, was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(-1)))
			.withMessage("maxRetryAfter must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
			.withMessage("multiplier must be a finite number >= 1, was 0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().multiplier(Double.NaN))
			.withMessage("multiplier must be a finite number >= 1, was NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().retryableStatuses(42))
			.withMessage("retryableStatuses must be between 100 and 599, was 42");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(100)).build())
			.withMessage("maxBackoff must be >= initialBackoff (PT0.5S), was PT0.1S");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.defaults().backoff(0, null))
			.withMessage("attempt must be > 0, was 0");
	}

}
