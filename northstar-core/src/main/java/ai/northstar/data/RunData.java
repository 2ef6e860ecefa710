package ai.northstar.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ai.northstar.RunStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The state of a run (a trace: one agent execution) as sent to NorthStar.
 *
 * @param id the run id, also the {@code trace_id} of its scores
 * @param sessionId the id of the session the run belongs to
 * @param name the run name
 * @param startedAt when the run started
 * @param endedAt when the run ended, if it has
 * @param status the run status
 * @param error the error, when the run failed
 * @param metadata the run metadata
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunData(UUID id, @JsonProperty("session_id") UUID sessionId, String name,
		@JsonProperty("started_at") Instant startedAt, @JsonProperty("ended_at") @Nullable Instant endedAt,
		RunStatus status, @Nullable ErrorInfo error, Map<String, JsonNode> metadata) {

	public RunData {
		metadata = Frozen.map(metadata);
	}

}
