package ai.northstar.sample.agent;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a streamed answer.
 *
 * @param text the text
 * @param traceId the id of the NorthStar run recording the stream, {@code null} when tracing is off
 * @since 0.1.0
 */
public record AnswerChunk(String text, @Nullable UUID traceId) {

}
