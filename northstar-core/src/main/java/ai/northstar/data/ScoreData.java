package ai.northstar.data;

import java.time.Instant;
import java.util.UUID;

import ai.northstar.ScoreDataType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An evaluation score attached to a run, and optionally to one of its spans.
 *
 * @param id the score id
 * @param traceId the id of the scored run
 * @param spanId the id of the scored span, if any
 * @param name the score name
 * @param value the numeric value ({@code 0} for categorical scores, {@code 0} or {@code 1} for boolean ones)
 * @param dataType the data type
 * @param stringValue the label of a categorical score
 * @param source always {@code "api"}
 * @param comment a free-text comment, if any
 * @param createdAt when the score was recorded
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreData(UUID id, @JsonProperty("trace_id") UUID traceId, @JsonProperty("span_id") @Nullable UUID spanId,
		String name, double value, @JsonProperty("data_type") ScoreDataType dataType,
		@JsonProperty("string_value") @Nullable String stringValue, String source, @Nullable String comment,
		@JsonProperty("created_at") Instant createdAt) {

	/** The only score source the backend accepts. */
	public static final String SOURCE_API = "api";

}
