package ai.northstar.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ai.northstar.EventType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * An event as sent to NorthStar. Its {@code content} key is always present on the wire, {@code null} included.
 *
 * @param id the event id
 * @param runId the id of the run the event belongs to
 * @param spanId the id of the span the event belongs to, if any
 * @param type the event type
 * @param createdAt when the event was recorded
 * @param content the captured content, a JSON snapshot taken when the event was recorded
 * @param attributes the event attributes
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventData(UUID id, @JsonProperty("run_id") UUID runId, @JsonProperty("span_id") @Nullable UUID spanId,
		EventType type, @JsonProperty("created_at") Instant createdAt,
		@JsonInclude(JsonInclude.Include.ALWAYS) JsonNode content, Map<String, JsonNode> attributes) {

	public EventData {
		if (content == null) {
			content = NullNode.getInstance();
		}
		attributes = Frozen.map(attributes);
	}

}
