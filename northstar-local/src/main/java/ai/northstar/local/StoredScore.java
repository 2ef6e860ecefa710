package ai.northstar.local;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A score as stored by {@link LocalStore}; a re-sent score replaces the stored one.
 *
 * @param id the score id
 * @param traceId the id of the scored run
 * @param spanId the id of the scored span, if any
 * @param name the score name
 * @param value the value
 * @param dataType {@code numeric}, {@code categorical} or {@code boolean}
 * @param stringValue the label of a categorical score
 * @param source the source, always {@code api}
 * @param comment the comment, if any
 * @param createdAt when the score was recorded
 * @since 0.1.0
 */
public record StoredScore(UUID id, UUID traceId, @Nullable UUID spanId, String name, double value, String dataType,
		@Nullable String stringValue, String source, @Nullable String comment, Instant createdAt) {

}
