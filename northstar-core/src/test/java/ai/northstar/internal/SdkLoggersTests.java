package ai.northstar.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SdkLoggers}.
 */
class SdkLoggersTests {

	@AfterEach
	void restore() {
		SdkLoggers.routeTo(null);
	}

	@Test
	void shouldRouteLoggersMadeBeforeAndAfterAndGoBackToTheSystemLoggers() {
		System.Logger before = SdkLoggers.get("ai.northstar.test.before");
		List<String> lines = new CopyOnWriteArrayList<>();
		SdkLoggers.routeTo((name) -> new Recording(name, lines));
		before.log(Level.WARNING, "{0} records, {1}", "3", "ünïcödé 😵");
		SdkLoggers.get("ai.northstar.test.after").log(Level.INFO, "plain");
		assertThat(lines).containsExactly("ai.northstar.test.before WARNING {0} records, {1} [3, ünïcödé 😵]",
				"ai.northstar.test.after INFO plain null");
		SdkLoggers.routeTo(null);
		before.log(Level.DEBUG, "to the system logger");
		assertThat(lines).hasSize(2);
		assertThat(before.getName()).isEqualTo("ai.northstar.test.before");
	}

	/** Records what it is asked to log, as text. */
	private record Recording(String name, List<String> lines) implements System.Logger {

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public boolean isLoggable(Level level) {
			return true;
		}

		@Override
		public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
				@Nullable Throwable thrown) {
			this.lines.add(this.name + " " + level + " " + message);
		}

		@Override
		public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
				@Nullable Object... params) {
			this.lines.add(this.name + " " + level + " " + format + " " + java.util.Arrays.toString(params));
		}

	}

}
