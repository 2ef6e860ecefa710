package ai.northstar.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.local.StoredRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Talks to the booted sample over HTTP, like a user would, and waits for its traces in the local store.
 */
public final class SampleHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleHttp() {
	}

	/**
	 * Posts a question to {@code /agent/ask}.
	 * @param port the server port
	 * @param question the question
	 * @return the status and the JSON body
	 */
	public static Response ask(int port, String question) {
		String body = JSON.writeValueAsString(Map.of("question", question));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agent/ask"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), JSON.readTree(response.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Flushes the client, then waits until nothing is pending in it (every record it queued was accepted) and the
	 * local store holds the run, ended.
	 * @param northstar the client
	 * @param store what the local NorthStar stored
	 * @param traceId the run id
	 * @return the stored run
	 */
	public static StoredRun awaitRun(Northstar northstar, SampleTraces store, UUID traceId) {
		northstar.flush(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> northstar.flusher().orElseThrow().stats().pending() == 0
					&& store.run(traceId).filter((run) -> run.endedAt() != null).isPresent());
		return store.run(traceId).orElseThrow();
	}

	/**
	 * Waits until the run was judged by the sample's relevancy evaluation: its score is stored and its
	 * {@code evaluation relevancy} span, with everything in it, has ended.
	 * @param northstar the client
	 * @param store what the local NorthStar stored
	 * @param traceId the run id
	 * @return the stored run, judged
	 */
	public static StoredRun awaitEvaluated(Northstar northstar, SampleTraces store, UUID traceId) {
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			northstar.flush(Duration.ofSeconds(5));
			return store.scoresOf(traceId).stream().anyMatch((score) -> score.name().equals("relevancy"))
					&& store.spansOf(traceId).stream().anyMatch((span) -> span.name().equals("evaluation relevancy"))
					&& store.spansOf(traceId).stream().allMatch((span) -> span.endedAt() != null);
		});
		return store.run(traceId).orElseThrow();
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the status code
	 * @param body the JSON body
	 */
	public record Response(int status, JsonNode body) {

		/**
		 * Returns the {@code traceId} of the body.
		 * @return the trace id
		 */
		public UUID traceId() {
			return UUID.fromString(this.body.get("traceId").asString());
		}

	}

}
