package ai.northstar.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ai.northstar.RunStatus;
import ai.northstar.SpanKind;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The state of a span as sent to NorthStar.
 *
 * @param id the span id
 * @param runId the id of the run the span belongs to
 * @param parentSpanId the id of the parent span, or {@code null} for a top-level span
 * @param kind the span kind
 * @param name the span name
 * @param startedAt when the span started
 * @param endedAt when the span ended, if it has
 * @param status the span status
 * @param error the error, when the span failed
 * @param iteration the agent iteration, if any
 * @param attributes the span attributes
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpanData(UUID id, @JsonProperty("run_id") UUID runId,
		@JsonProperty("parent_span_id") @Nullable UUID parentSpanId, SpanKind kind, String name,
		@JsonProperty("started_at") Instant startedAt, @JsonProperty("ended_at") @Nullable Instant endedAt,
		RunStatus status, @Nullable ErrorInfo error, @Nullable Integer iteration, Map<String, JsonNode> attributes) {

	public SpanData {
		attributes = Frozen.map(attributes);
	}

}
