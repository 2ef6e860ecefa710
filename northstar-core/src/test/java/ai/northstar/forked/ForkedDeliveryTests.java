package ai.northstar.forked;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ai.northstar.local.LocalIngestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the delivery pipeline in JVMs of their own: a plain program that ends without closing its client still
 * delivers through the flusher's shutdown hook ({@link ShutdownHookProgram}), and the heap stays bounded by the
 * queue whatever the application records ({@link MemoryBoundProgram}).
 */
@Timeout(180)
class ForkedDeliveryTests {

	@ParameterizedTest
	@ValueSource(strings = { "return", "exit" })
	void shouldDeliverWhatIsPendingThroughTheShutdownHookWhenAPlainProgramEnds(String ending) throws Exception {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_forked").build()) {
			Result result = run(List.of(), ShutdownHookProgram.class, server.ingestUri().toString(), ending, "25");
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(server.store().runs()).hasSize(26)
				.allSatisfy((run) -> assertThat(run.status()).isEqualTo("ok"));
			assertThat(server.store().events()).filteredOn((event) -> event.type().equals("user_input")).hasSize(25);
			UUID processSession = server.store()
				.runs()
				.stream()
				.filter((run) -> run.name().equals("script trace"))
				.findFirst()
				.orElseThrow()
				.sessionId();
			assertThat(server.store().sessions()).hasSize(2)
				.allSatisfy((session) -> assertThat(session.endedAt() != null)
					.as("only the process session is ended, by the hook")
					.isEqualTo(session.id().equals(processSession)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "return", "exit" })
	void shouldSayHowManyRecordsWereNotSentWhenAPlainProgramEndsWithTheBackendDown(String ending) throws Exception {
		try (LocalIngestServer server = LocalIngestServer.builder().apiKey("ns_forked").build()) {
			server.setUnavailable(true);
			Result result = run(List.of(), ShutdownHookProgram.class, server.ingestUri().toString(), ending, "25",
					"1500");
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).as("two sessions, 26 runs, 25 events")
				.contains("NorthStar shut down with 53 records not sent within 1.5s (last error: HTTP 503");
			assertThat(server.store().runs()).isEmpty();
		}
	}

	@Test
	void shouldKeepTheHeapBoundedByTheQueueWhenLongLivedRunsRecordWithoutEnd() throws Exception {
		// 8 threads x 1,500 events of 60 KB: about 700 MB of content through a 192 MB heap.
		Result result = run(List.of("-Xmx192m", "-XX:+ExitOnOutOfMemoryError"), MemoryBoundProgram.class, "1500");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("OK sent=").contains("maxHeapMiB=");
	}

	private static Result run(List<String> jvmOptions, Class<?> main, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		boolean ended = process.waitFor(150, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly();
		}
		return new Result(ended ? process.exitValue() : -1, new String(output, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {
	}

}
