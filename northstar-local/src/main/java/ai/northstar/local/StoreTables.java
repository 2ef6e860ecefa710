package ai.northstar.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The records of a {@link LocalStore}, or those one batch stages, by id, in the order they were first stored. Not
 * thread-safe: the store's lock guards it.
 */
final class StoreTables {

	final Map<UUID, StoredSession> sessions = new LinkedHashMap<>();

	final Map<UUID, StoredRun> runs = new LinkedHashMap<>();

	final Map<UUID, StoredSpan> spans = new LinkedHashMap<>();

	final Map<UUID, StoredEvent> events = new LinkedHashMap<>();

	final Map<UUID, StoredScore> scores = new LinkedHashMap<>();

	/** By span id and prompt version id. */
	final Map<List<UUID>, StoredPromptLink> promptLinks = new LinkedHashMap<>();

	/** Adds or replaces every record of the other tables. */
	void putAll(StoreTables other) {
		this.sessions.putAll(other.sessions);
		this.runs.putAll(other.runs);
		this.spans.putAll(other.spans);
		this.events.putAll(other.events);
		this.scores.putAll(other.scores);
		this.promptLinks.putAll(other.promptLinks);
	}

	void clear() {
		this.sessions.clear();
		this.runs.clear();
		this.spans.clear();
		this.events.clear();
		this.scores.clear();
		this.promptLinks.clear();
	}

	LocalStore.Counts counts() {
		return new LocalStore.Counts(this.sessions.size(), this.runs.size(), this.spans.size(), this.events.size(),
				this.scores.size(), this.promptLinks.size());
	}

}
