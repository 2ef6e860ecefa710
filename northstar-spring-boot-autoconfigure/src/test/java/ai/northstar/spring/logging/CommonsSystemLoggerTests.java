package ai.northstar.spring.logging;

import java.lang.System.Logger.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommonsSystemLogger}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommonsSystemLoggerTests {

	private final CommonsSystemLogger logger = new CommonsSystemLogger("ai.northstar.test.CommonsSystemLoggerTests");

	@Test
	void shouldLogTheFormattedMessageAsPlainTextKeepingBracesOfTheValues(CapturedOutput output) {
		this.logger.log(Level.WARNING, "NorthStar could not send {0} records ({1})", "12",
				"HTTP 500: got {} for {0} — ошибка 😵");
		assertThat(output).contains("NorthStar could not send 12 records (HTTP 500: got {} for {0} — ошибка 😵)");
	}

	@Test
	void shouldLogAMessageWithoutArgumentsAsIsAndTheThrowable(CapturedOutput output) {
		this.logger.log(Level.ERROR, "NorthStar's pipeline stopped {0}", new IllegalStateException("bröken"));
		assertThat(output).contains("NorthStar's pipeline stopped {0}").contains("IllegalStateException: bröken");
	}

	@Test
	void shouldFollowTheLevelsOfTheApplicationsLogging() {
		assertThat(this.logger.isLoggable(Level.ERROR)).isTrue();
		assertThat(this.logger.isLoggable(Level.OFF)).isFalse();
		assertThat(this.logger.getName()).isEqualTo("ai.northstar.test.CommonsSystemLoggerTests");
	}

}
