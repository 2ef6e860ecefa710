package ai.northstar.transport;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The response to one ingest attempt.
 *
 * @param status the HTTP status code
 * @param body the response body as text, possibly empty
 * @param retryAfter the delay asked for by a {@code Retry-After} header, if any
 * @since 0.1.0
 */
public record IngestResponse(int status, String body, @Nullable Duration retryAfter) {

}
