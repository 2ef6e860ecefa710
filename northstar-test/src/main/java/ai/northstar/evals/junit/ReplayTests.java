package ai.northstar.evals.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ai.northstar.Replay;
import ai.northstar.ReplayDiff;
import ai.northstar.ReplayTool;
import ai.northstar.Run;
import ai.northstar.evals.internal.EvalJson;
import ai.northstar.test.RecordedRun;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;

/**
 * Recorded runs replayed as JUnit 5 dynamic tests: each run's tool calls are invoked again against today's tools
 * ({@link Run#replay(Map)}), and its test fails when a result differs from the recorded one, or a recorded tool is
 * not registered. One test per run, named {@code replay <run name> (<n> tool calls)}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> replays() {
 *     return ReplayTests.fromFile(Path.of("src/test/resources/runs/support-agent.json"),
 *         Map.of("search_docs", (call) -> docs.search(call.argument("query").asString())));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReplayTests {

	private static final int MAX_VALUE_LENGTH = 300;

	private ReplayTests() {
	}

	/**
	 * Replays every run of a batch file, such as one saved from {@code Northstar.lastFlushedBatch()} or
	 * {@link RecordedRun#toBatchJson()}.
	 * @param batchFile the batch JSON
	 * @param tools today's tools, by name
	 * @return one test per run
	 */
	public static Stream<DynamicTest> fromFile(Path batchFile, Map<String, ? extends ReplayTool> tools) {
		String json;
		try {
			json = Files.readString(batchFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return fromJson(json, tools);
	}

	/**
	 * Replays every run of a batch.
	 * @param batchJson the batch JSON
	 * @param tools today's tools, by name
	 * @return one test per run
	 */
	public static Stream<DynamicTest> fromJson(String batchJson, Map<String, ? extends ReplayTool> tools) {
		JsonNode batch = EvalJson.MAPPER.readTree(batchJson);
		List<Run> runs = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (JsonNode run : batch.path("runs")) {
			String id = run.path("id").asString();
			if (!seen.contains(id)) {
				seen.add(id);
				runs.add(Run.fromJson(batchJson, UUID.fromString(id)));
			}
		}
		return of(runs, tools);
	}

	/**
	 * Replays recorded runs.
	 * @param runs the runs
	 * @param tools today's tools, by name
	 * @return one test per run
	 */
	public static Stream<DynamicTest> ofRecorded(List<RecordedRun> runs, Map<String, ? extends ReplayTool> tools) {
		return of(runs.stream().map((run) -> Run.fromJson(run.toBatchJson(), run.id())).toList(), tools);
	}

	/**
	 * Replays runs.
	 * @param runs the runs, live or rebuilt
	 * @param tools today's tools, by name
	 * @return one test per run
	 */
	public static Stream<DynamicTest> of(List<Run> runs, Map<String, ? extends ReplayTool> tools) {
		Objects.requireNonNull(tools, "tools must not be null");
		return runs.stream().map((run) -> {
			Replay replay = run.replay(tools);
			return DynamicTest.dynamicTest("replay " + run.name() + " (" + replay.toolCalls().size() + " tool calls)",
					() -> check(run, replay));
		});
	}

	private static void check(Run run, Replay replay) {
		ReplayDiff diff;
		try {
			diff = replay.diff(replay.replay());
		}
		catch (IllegalStateException | Replay.ReplayException ex) {
			throw new AssertionFailedError("Replaying run " + run.name() + " (" + run.id() + ") failed: " + ex.getMessage(),
					ex);
		}
		if (!diff.allMatch()) {
			throw new AssertionFailedError("Run " + run.name() + " (" + run.id() + ") replays differently today:\n"
					+ diff.mismatches().stream().map(ReplayTests::describe).collect(Collectors.joining("\n")));
		}
	}

	private static String describe(ReplayDiff.Entry entry) {
		return "  #" + (entry.call().index() + 1) + " " + entry.call().toolName() + " "
				+ truncate(String.valueOf(entry.call().arguments())) + ": recorded "
				+ truncate(String.valueOf(entry.recorded())) + " but got " + truncate(String.valueOf(entry.replayed()));
	}

	private static String truncate(String text) {
		if (text.length() <= MAX_VALUE_LENGTH) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(MAX_VALUE_LENGTH - 1)) ? MAX_VALUE_LENGTH - 1 : MAX_VALUE_LENGTH;
		return text.substring(0, end) + "…";
	}

}
