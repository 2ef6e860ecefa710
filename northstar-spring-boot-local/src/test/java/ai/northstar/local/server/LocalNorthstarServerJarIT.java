package ai.northstar.local.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LocalNorthstarServer} as users run it: the packaged {@code target/northstar-local-server.jar},
 * started with {@code java -jar} as its own process, sent to by {@code curl} (a process that is not Java, as the
 * Python SDK is), and restarted on the same directory.
 */
@Timeout(180)
class LocalNorthstarServerJarIT {

	private static final Path JAR = Path.of("target", "northstar-local-server.jar");

	private static final Pattern KEY = Pattern.compile("API key (ns_local_[0-9a-f]{32})");

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void shouldAcceptBatchesAndResolvePromptsFromAnotherProcessAndKeepThemAcrossARestart() throws Exception {
		int port = freePort();
		Path log = this.directory.resolve("first.log");
		Process first = start(port, log, "--northstar.local.api-key=ns_team_key",
				"--northstar.local.prompts=" + Path.of("src/test/resources/prompts").toAbsolutePath());
		awaitListening(port, first, log);
		UUID sessionId = UUID.randomUUID();
		UUID runId = UUID.randomUUID();
		String batch = "{\"schema_version\": 2, \"sessions\": [{\"id\": \"" + sessionId
				+ "\", \"created_at\": \"2025-06-01T10:00:00Z\", \"metadata\": {\"sdk\": \"python\"}}], \"runs\": [{\"id\": \""
				+ runId + "\", \"session_id\": \"" + sessionId
				+ "\", \"name\": \"agent ünïcødé 🐍\", \"started_at\": \"2025-06-01T10:00:00.123456+02:00\", "
				+ "\"ended_at\": \"2025-06-01T10:00:02Z\", \"status\": \"ok\", \"metadata\": {}}]}";
		Curl accepted = curl(port, "/functions/v1/ingest-traces", "ns_team_key", batch);
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.body()).isEqualTo("{\"accepted\": true}");
		assertThat(curl(port, "/functions/v1/ingest-traces", "ns_wrong", batch).status()).isEqualTo(401);
		Curl invalid = curl(port, "/functions/v1/ingest-traces", "ns_team_key", "{\"schema_version\": 2, \"runs\": [{}]}");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body()).contains("runs[0].id is required");
		Curl prompt = curl(port, "/functions/v1/prompts/resolve", "ns_team_key",
				"{\"name\": \"support-answer\", \"slug\": \"support-answer\", \"label\": \"prod\"}");
		assertThat(prompt.status()).isEqualTo(200);
		assertThat(prompt.body()).contains("\"version_number\":2").contains("Réponds à {{ question }} poliment 🙂");
		assertThat(curl(port, "/northstar/runs/" + runId, null, null).body()).contains("agent ünïcødé 🐍");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(log))
			.contains("Local NorthStar viewer at http://localhost:" + port + "/northstar"));
		first.destroy();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

		Path secondLog = this.directory.resolve("second.log");
		Process second = start(port, secondLog);
		awaitListening(port, second, secondLog);
		// the port opens before the startup lines are written
		Matcher key = await().atMost(Duration.ofSeconds(30))
			.until(() -> KEY.matcher(Files.readString(secondLog)), Matcher::find);
		assertThat(curl(port, "/northstar/runs/" + runId, null, null).body()).contains("agent ünïcødé 🐍");
		assertThat(curl(port, "/functions/v1/ingest-traces", "ns_team_key", batch).status()).isEqualTo(401);
		assertThat(curl(port, "/functions/v1/ingest-traces", key.group(1), batch).status()).isEqualTo(200);
	}

	@Test
	void shouldStayOffWhenAnApplicationRunsFromAPackagedJar() throws Exception {
		// the same jar run as an application rather than as the server: launched by Boot's JarLauncher
		Path log = this.directory.resolve("packaged.log");
		Process application = start(freePort(), log, "--northstar.local.standalone=false");
		assertThat(application.waitFor(90, TimeUnit.SECONDS)).as("nothing keeps the JVM alive").isTrue();
		assertThat(application.exitValue()).isZero();
		assertThat(Files.readString(log))
			.contains("The application runs from a packaged jar: the local NorthStar stays off")
			.doesNotContain("Local NorthStar viewer at");
		assertThat(this.directory.resolve("data")).doesNotExist();
	}

	private Process start(int port, Path log, String... extra) throws IOException {
		assertThat(JAR).as("built by the package phase").isRegularFile();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", JAR.toString(), "--northstar.local.port=" + port,
				"--northstar.local.address=127.0.0.1", "--northstar.local.directory=" + this.directory.resolve("data")));
		command.addAll(List.of(extra));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	private static void awaitListening(int port, Process process, Path log) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("The server exited: " + Files.readString(log));
			}
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private Curl curl(int port, String path, String apiKey, String body) throws Exception {
		if (!Files.isExecutable(Path.of("/usr/bin/curl"))) {
			throw new IllegalStateException("This test sends with curl, standing for an SDK that is not Java: "
					+ "'apt-get install -y curl' (.ci/run installs it when missing)");
		}
		Path out = Files.createTempFile(this.directory, "response", ".txt");
		List<String> command = new ArrayList<>(List.of("curl", "-sS", "-o", out.toString(), "-w", "%{http_code}"));
		if (apiKey != null) {
			command.addAll(List.of("-H", "Authorization: Bearer " + apiKey));
		}
		if (body != null) {
			Path payload = Files.writeString(Files.createTempFile(this.directory, "batch", ".json"), body);
			command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", "@" + payload));
		}
		command.add("http://127.0.0.1:" + port + path);
		Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Curl(Integer.parseInt(status), Files.readString(out, StandardCharsets.UTF_8));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record Curl(int status, String body) {

	}

}
