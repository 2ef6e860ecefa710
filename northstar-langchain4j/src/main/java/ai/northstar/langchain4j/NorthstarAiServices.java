package ai.northstar.langchain4j;

import java.util.Objects;

import ai.northstar.Northstar;
import dev.langchain4j.service.AiServices;

/**
 * Traces LangChain4j AI services: every invocation of an AI-service method is one {@code AGENT} span named after the
 * interface and method ({@code Assistant.chat}) holding its model rounds ({@code MODEL} spans, see
 * {@link NorthstarChatModelListener}) and tool executions, and {@code streaming: true} when it streams; every tool
 * execution is one {@code TOOL} span named the tool, with attribute {@code tool_call_id}, a {@code tool_arguments}
 * event (the arguments object), a {@code tool_result} event (the result, as JSON when it is JSON text), its real start
 * and end, and status {@code error} with the tool's exception when it fails (also when LangChain4j sends the error
 * to the model as the result).
 *
 * <pre>{@code
 * Assistant assistant = NorthstarAiServices.instrument(AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .tools(new WeatherTools())
 *         .beforeToolExecution(before -> audit.log(before.request())), northstar)    // yours is kept
 *     .build();
 * }</pre>
 *
 * <b>When to call {@code instrument}</b>: last, just before {@code build()}, once the models, tools and tool hooks are
 * set. LangChain4j's {@code beforeToolExecution} and {@code afterToolExecution} hold one consumer each: instrumenting
 * composes NorthStar's with the one already set (yours runs inside the tool's span and is never replaced), but a
 * consumer set after {@code instrument} replaces NorthStar's (the tools are then recorded without their timing, with
 * a warning). Likewise a model set after {@code instrument} is not wrapped, and is recorded only if it has a
 * {@link NorthstarChatModelListener}; one that has it, or is wrapped already, is not wrapped again.
 * <p>
 * Where the records go: the {@code AGENT} span under the innermost open NorthStar span of the thread that invokes
 * the method (a {@code @NorthstarTrace}, {@code northstar.trace(...)}, or the {@code TOOL} span of another AI service
 * that this one serves as a tool); its rounds and tools under it, on whatever thread LangChain4j runs them (streams'
 * callback threads, {@code executeToolsConcurrently}). Outside any trace the invocation starts a run of its own,
 * named like the span, with the user message as {@code user_input} and the answer as {@code final_response}
 * (unless {@link NorthstarLangChain4j.Builder#autoTrace autoTrace} is off). The span ends when LangChain4j reports
 * the invocation complete or failed, when one of its rounds fails, or when its stream is cancelled. An AI service
 * instrumented twice is recorded once.
 *
 * @since 0.1.0
 */
public final class NorthstarAiServices {

	private NorthstarAiServices() {
	}

	/**
	 * Instruments an AI-service builder with the default settings: call it last, just before {@code build()}.
	 * @param <T> the AI-service interface
	 * @param builder the builder, with its models, tools and tool hooks already set
	 * @param northstar the client the records go to
	 * @return the same builder
	 * @throws IllegalArgumentException when the builder's context cannot be reached (a LangChain4j version this module
	 * does not support)
	 */
	public static <T> AiServices<T> instrument(AiServices<T> builder, Northstar northstar) {
		return instrument(builder, NorthstarLangChain4j.create(northstar));
	}

	/**
	 * Instruments an AI-service builder with the settings of a {@link NorthstarLangChain4j}: call it last, just before
	 * {@code build()}. (This is not a method of {@code NorthstarLangChain4j}, so that class needs no
	 * {@code langchain4j} module on the class path: an application with only {@code langchain4j-core} uses it too.)
	 * @param <T> the AI-service interface
	 * @param builder the builder, with its models, tools and tool hooks already set
	 * @param tracing the tracing settings and client
	 * @return the same builder
	 * @throws IllegalArgumentException when the builder's context cannot be reached (a LangChain4j version this module
	 * does not support)
	 */
	public static <T> AiServices<T> instrument(AiServices<T> builder, NorthstarLangChain4j tracing) {
		Objects.requireNonNull(builder, "builder must not be null");
		Objects.requireNonNull(tracing, "tracing must not be null");
		tracing.aiServices().instrumentBuilder(builder);
		return builder;
	}

	/**
	 * Instruments an AI service that is already built (by {@code AiServices}, or by a framework such as LangChain4j's
	 * Spring Boot starter): the same records as {@link #instrument}, from its next invocation on.
	 * @param <T> the AI-service interface
	 * @param service the AI service
	 * @param northstar the client the records go to
	 * @return the same service
	 * @throws IllegalArgumentException when the object is not an AI service built by {@code AiServices}
	 */
	public static <T> T instrumentService(T service, Northstar northstar) {
		return NorthstarLangChain4j.create(northstar).instrumentService(service);
	}

	/**
	 * Returns whether an object is an AI service built by LangChain4j's {@code AiServices}.
	 * @param candidate the object
	 * @return whether it is an AI service
	 */
	public static boolean isAiService(Object candidate) {
		return AiServiceRecorder.serviceContextOf(candidate) != null;
	}

}
