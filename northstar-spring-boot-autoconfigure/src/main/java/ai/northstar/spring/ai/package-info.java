/**
 * Spring AI tracing: observation handlers that record Spring AI's chat model rounds, {@code ChatClient} calls, tool
 * executions and embedding requests through the framework-neutral recorders of {@code ai.northstar.genai}, a stream
 * advisor that watches streamed chunks, and a tool-error processor. Wired by
 * {@code ai.northstar.autoconfigure.ai.NorthstarSpringAiAutoConfiguration}.
 */
@NullMarked
package ai.northstar.spring.ai;

import org.jspecify.annotations.NullMarked;
