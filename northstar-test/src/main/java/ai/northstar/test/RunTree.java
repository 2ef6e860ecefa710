package ai.northstar.test;

import java.util.List;
import java.util.stream.Collectors;

import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Draws a {@link RecordedRun} as indented text: the run, its spans as a tree with their events, and its scores.
 */
final class RunTree {

	static final int MAX_VALUE_LENGTH = 160;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private RunTree() {
	}

	static String render(RecordedRun run) {
		StringBuilder out = new StringBuilder();
		out.append("run \"").append(run.name()).append("\" [").append(run.stored().status());
		run.error().ifPresent((error) -> out.append(": ").append(error(error)));
		out.append("] ").append(run.id());
		ObjectNode metadata = run.metadata();
		if (!metadata.isEmpty()) {
			out.append(" metadata=").append(compact(metadata, MAX_VALUE_LENGTH));
		}
		out.append('\n');
		events(out, run.eventsOf(null), 1);
		for (StoredSpan root : run.children(null)) {
			span(out, run, root, 1);
		}
		List<StoredScore> scores = run.scores();
		if (!scores.isEmpty()) {
			out.append("  scores: ")
				.append(scores.stream().map(RunTree::score).collect(Collectors.joining(", ")))
				.append('\n');
		}
		return out.toString().stripTrailing();
	}

	private static void span(StringBuilder out, RecordedRun run, StoredSpan span, int depth) {
		indent(out, depth).append(span.kind()).append(" \"").append(span.name()).append("\" [").append(span.status());
		if (span.error() != null) {
			out.append(": ").append(error(span.error()));
		}
		out.append(']');
		if (span.iteration() != null) {
			out.append(" iteration=").append(span.iteration());
		}
		ObjectNode attributes = span.attributes();
		if (!attributes.isEmpty()) {
			out.append(" attributes=").append(compact(attributes, MAX_VALUE_LENGTH));
		}
		out.append('\n');
		events(out, run.eventsOf(span), depth + 1);
		for (StoredSpan child : run.children(span)) {
			span(out, run, child, depth + 1);
		}
	}

	private static void events(StringBuilder out, List<StoredEvent> events, int depth) {
		for (StoredEvent event : events) {
			indent(out, depth).append("· ").append(event.type()).append(' ').append(compact(event.content(),
					MAX_VALUE_LENGTH));
			if (!event.attributes().isEmpty()) {
				out.append(' ').append(compact(event.attributes(), MAX_VALUE_LENGTH));
			}
			out.append('\n');
		}
	}

	private static String score(StoredScore score) {
		String value = (score.stringValue() != null) ? "\"" + score.stringValue() + "\""
				: (score.dataType().equals("boolean") ? String.valueOf(score.value() == 1.0) : String.valueOf(score.value()));
		return score.name() + "=" + value + " (" + score.dataType() + ")";
	}

	private static String error(ObjectNode error) {
		String type = error.path("type").asString("");
		String message = error.path("message").asString("");
		return type + (message.isEmpty() ? "" : ": " + truncate(message, MAX_VALUE_LENGTH));
	}

	private static StringBuilder indent(StringBuilder out, int depth) {
		return out.append("  ".repeat(depth));
	}

	static String compact(@Nullable JsonNode value, int max) {
		if (value == null) {
			return "null";
		}
		return truncate(MAPPER.writeValueAsString(value), max);
	}

	static String truncate(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
		return text.substring(0, end) + "…";
	}

}
