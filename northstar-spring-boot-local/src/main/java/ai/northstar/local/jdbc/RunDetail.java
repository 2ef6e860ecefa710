package ai.northstar.local.jdbc;

import java.util.List;

import ai.northstar.local.PromptVersion;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredPromptLink;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredScore;
import ai.northstar.local.StoredSession;
import ai.northstar.local.StoredSpan;
import org.jspecify.annotations.Nullable;

/**
 * Everything stored about one run, for its page and its download.
 *
 * @param run the run
 * @param session its session
 * @param spans its spans, by start time
 * @param events its events, by creation time
 * @param scores its scores, by creation time
 * @param prompts its prompt links with the linked prompt versions
 * @since 0.1.0
 */
public record RunDetail(StoredRun run, @Nullable StoredSession session, List<StoredSpan> spans,
		List<StoredEvent> events, List<StoredScore> scores, List<LinkedPrompt> prompts) {

	/**
	 * Creates an instance, copying the lists.
	 * @param run the run
	 * @param session its session
	 * @param spans its spans
	 * @param events its events
	 * @param scores its scores
	 * @param prompts its prompt links
	 */
	public RunDetail {
		spans = List.copyOf(spans);
		events = List.copyOf(events);
		scores = List.copyOf(scores);
		prompts = List.copyOf(prompts);
	}

	/**
	 * A prompt link with the prompt version it references.
	 *
	 * @param link the link
	 * @param version the version
	 * @since 0.1.0
	 */
	public record LinkedPrompt(StoredPromptLink link, PromptVersion version) {

	}

}
