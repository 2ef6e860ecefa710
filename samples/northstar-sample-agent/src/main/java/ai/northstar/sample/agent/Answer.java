package ai.northstar.sample.agent;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The research agent's answer.
 *
 * @param question the question
 * @param answer the answer
 * @param sources the addresses of the documents the answer is based on
 * @param traceId the id of the NorthStar run that recorded the agent's work, {@code null} when tracing is off
 * @since 0.1.0
 */
public record Answer(String question, String answer, List<String> sources, @Nullable UUID traceId) {

}
