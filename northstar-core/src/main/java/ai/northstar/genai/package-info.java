/**
 * Framework-neutral recording of generative-AI calls: the shape every integration (Spring AI, LangChain4j...) gives
 * the NorthStar dashboard, so that a model call looks the same whichever framework made it.
 * <p>
 * An integration converts its framework's types to core types ({@link ai.northstar.ChatMessage},
 * {@link TokenUsage}, {@link ModelRoundResult}) and drives these recorders from the framework's hooks:
 * <ul>
 * <li>{@link ModelRound}: one model round (one request to the model, blocking or streamed) as a {@code MODEL} span
 * named {@code chat {model}}, with the prompt's messages and the answer as events by role, reasoning, usage priced
 * by the client's {@link ai.northstar.ModelPricing}, finish reason and streaming timings; ended ok, failed or
 * cancelled (with the partial text).</li>
 * <li>{@link ToolExecution}: one tool execution as a {@code TOOL} span named after the tool, with its arguments and
 * result as JSON where they are JSON text.</li>
 * <li>{@link EmbeddingCall}: one embedding request as a {@code CUSTOM} span {@code embedding {model}}.</li>
 * <li>{@link AgentCall}: one call of an agent-level client (a {@code ChatClient}, an AI service) as an {@code AGENT}
 * span holding its rounds and tools.</li>
 * <li>{@link AutoTraceRun}: the run an integration starts for a call made outside any trace.</li>
 * </ul>
 * Each recorder opens its span under an explicit parent {@link ai.northstar.TraceContext} (the integration decides
 * which: usually {@link ai.northstar.TraceContext#current()}, or the record of the framework's enclosing call when
 * the work hopped threads), ends it exactly once whatever the order of the framework's callbacks, and never throws
 * from its ending methods once started: a recorder's failure is the integration's to log, never the application's.
 * The attribute names are in {@link GenAiAttributes}; they are a contract read by the dashboard and by users' queries.
 */
@NullMarked
package ai.northstar.genai;

import org.jspecify.annotations.NullMarked;
