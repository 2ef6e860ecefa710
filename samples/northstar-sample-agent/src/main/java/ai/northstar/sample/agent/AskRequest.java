package ai.northstar.sample.agent;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /agent/ask}.
 *
 * @param question the question to research
 * @since 0.1.0
 */
public record AskRequest(@Nullable String question) {

}
