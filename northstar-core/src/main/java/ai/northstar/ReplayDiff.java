package ai.northstar;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Recorded tool results paired with replayed ones, from {@link Replay#diff(List)}.
 *
 * @param entries one entry per tool call, in order
 * @since 0.1.0
 */
public record ReplayDiff(List<Entry> entries) {

	public ReplayDiff {
		entries = List.copyOf(entries);
	}

	/**
	 * Returns whether every replayed result equals the recorded one.
	 * @return {@code true} when all match
	 */
	public boolean allMatch() {
		return this.entries.stream().allMatch(Entry::matches);
	}

	/**
	 * Returns the entries that differ.
	 * @return the mismatches
	 */
	public List<Entry> mismatches() {
		return this.entries.stream().filter((entry) -> !entry.matches()).toList();
	}

	/**
	 * One tool call's recorded and replayed results.
	 *
	 * @param call the tool call
	 * @param recorded the recorded result, if any
	 * @param replayed the replayed result
	 * @param matches whether they are equal as JSON
	 * @since 0.1.0
	 */
	public record Entry(Replay.ToolCall call, @Nullable JsonNode recorded, JsonNode replayed, boolean matches) {

	}

}
