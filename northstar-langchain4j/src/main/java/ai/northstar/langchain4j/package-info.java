/**
 * NorthStar tracing for LangChain4j, in plain Java: every chat model call as a {@code MODEL} span, streams with their
 * time to first token, every AI-service invocation as an {@code AGENT} span and every tool execution as a
 * {@code TOOL} span, recorded with the framework-neutral recorders of {@code ai.northstar.genai} so that they look
 * exactly like the Spring AI integration's.
 * <ul>
 * <li>{@link ai.northstar.langchain4j.NorthstarChatModelListener}: a {@code ChatModelListener} for a model builder's
 * {@code listeners(...)}.</li>
 * <li>{@link ai.northstar.langchain4j.NorthstarStreamingChatModel} and
 * {@link ai.northstar.langchain4j.NorthstarChatModel}: wrappers of models built without the listener; the streaming
 * one also measures the time to first token and ends the span of a cancelled stream.</li>
 * <li>{@link ai.northstar.langchain4j.NorthstarAiServices}: instruments an {@code AiServices} builder (or a built AI
 * service).</li>
 * <li>{@link ai.northstar.langchain4j.NorthstarLangChain4j}: all of the above with shared settings.</li>
 * </ul>
 */
@NullMarked
package ai.northstar.langchain4j;

import org.jspecify.annotations.NullMarked;
