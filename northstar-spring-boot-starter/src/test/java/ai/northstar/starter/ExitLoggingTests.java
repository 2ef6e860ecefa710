package ai.northstar.starter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.northstar.local.LocalIngestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that what NorthStar logs while a Spring Boot application exits (its context closed by Spring Boot's shutdown
 * hook, as on {@code SIGTERM}) goes through the application's logging, although the JDK resets
 * {@code java.util.logging} meanwhile. Runs {@link ExitingApplication} in a JVM of its own.
 */
@Timeout(120)
class ExitLoggingTests {

	@Test
	void shouldLogTheShutdownWarningThroughTheApplicationsLoggingWhenTheJvmExits() throws Exception {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_newcomer").build()) {
			server.setUnavailable(true);
			String output = run("--northstar.api-key=ns_newcomer", "--northstar.endpoint=" + server.ingestUri(),
					"--northstar.shutdown-timeout=1s", "--spring.main.banner-mode=off");
			// Spring Boot's console pattern: level, process id, thread, logger, then the message.
			assertThat(output).as(output)
				.containsPattern("\\sWARN \\d+ --- .*\\[northstar-flush\\] .*ExportPipeline\\s*: NorthStar shut down"
						+ " with 4 records not sent within 1s \\(last error: HTTP 503")
				.doesNotContain("WARNING ai.northstar");
		}
	}

	private static String run(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ExitingApplication.class.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
		return new String(output, StandardCharsets.UTF_8);
	}

}
