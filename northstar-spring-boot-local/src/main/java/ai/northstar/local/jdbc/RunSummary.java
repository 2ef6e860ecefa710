package ai.northstar.local.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ai.northstar.local.StoredScore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of the runs list.
 *
 * @param id the run id
 * @param sessionId the session id
 * @param name the run name
 * @param status {@code running}, {@code ok} or {@code error}
 * @param startedAt when it started
 * @param endedAt when it ended, if it has
 * @param durationMs the duration in milliseconds, if it ended
 * @param costUsd the cost the SDK aggregated into the run's metadata, if any
 * @param totalTokens the input and output tokens aggregated likewise, if any
 * @param input the run's input (its {@code user_input} event), shortened, or {@code null}
 * @param output the run's output (its {@code final_response} event), shortened, or {@code null}
 * @param error the run's error object, if any
 * @param scores the run's scores
 * @since 0.1.0
 */
public record RunSummary(UUID id, UUID sessionId, String name, String status, Instant startedAt,
		@Nullable Instant endedAt, @Nullable Long durationMs, @Nullable Double costUsd, @Nullable Long totalTokens,
		@Nullable String input, @Nullable String output, @Nullable ObjectNode error, List<StoredScore> scores) {

	/**
	 * Creates an instance, copying the scores.
	 * @param id the run id
	 * @param sessionId the session id
	 * @param name the run name
	 * @param status the status
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param durationMs the duration in milliseconds
	 * @param costUsd the cost
	 * @param totalTokens the tokens
	 * @param input the input
	 * @param output the output
	 * @param error the error object
	 * @param scores the scores
	 */
	public RunSummary {
		scores = List.copyOf(scores);
	}

}
