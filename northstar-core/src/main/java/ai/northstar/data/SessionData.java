package ai.northstar.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The state of a session as sent to NorthStar.
 *
 * @param id the session id
 * @param createdAt when the session was created
 * @param endedAt when the session ended, if it has
 * @param metadata the session metadata
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionData(UUID id, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("ended_at") @Nullable Instant endedAt, Map<String, JsonNode> metadata) {

	public SessionData {
		metadata = Frozen.map(metadata);
	}

}
