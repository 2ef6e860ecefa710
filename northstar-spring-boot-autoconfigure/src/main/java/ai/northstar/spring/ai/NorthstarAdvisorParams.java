package ai.northstar.spring.ai;

import java.util.Objects;
import java.util.function.Consumer;

import ai.northstar.prompt.CompiledPrompt;

import org.springframework.ai.chat.client.ChatClient;

/**
 * {@code ChatClient} advisor parameters of NorthStar, in the style of Spring AI's {@code AdvisorParams}.
 * {@link #bindPrompt(CompiledPrompt)} binds a compiled NorthStar prompt to the model spans of one call, every round
 * of its tool-calling loop included, blocking or streamed:
 *
 * <pre>{@code
 * CompiledPrompt compiled = prompts.get("support-answer").compile(Map.of("tone", "friendly"));
 * String answer = chatClient.prompt()
 *     .system(compiled.text())
 *     .user(question)
 *     .advisors(NorthstarAdvisorParams.bindPrompt(compiled))
 *     .call()
 *     .content();
 * }</pre>
 *
 * Each {@code MODEL} span of the call then carries the {@code prompt_links} record and the
 * {@code prompt.compile.requested} attribute that {@link CompiledPrompt#bind(ai.northstar.Span)} writes (or
 * {@code prompt.fallback = true} for a fallback prompt). The parameter is read by the
 * {@link NorthstarChatClientObservationHandler}, so it takes effect for a {@code ChatClient} whose calls are observed
 * (one from the auto-configured {@code ChatClient.Builder}); it changes nothing in the request.
 *
 * @since 0.1.0
 */
public final class NorthstarAdvisorParams {

	/** The key of the advisor parameter holding the {@link CompiledPrompt} to bind. */
	public static final String PROMPT = "northstar.prompt";

	private NorthstarAdvisorParams() {
	}

	/**
	 * Returns the advisor parameter that binds a compiled prompt to the model spans of the call.
	 * @param prompt the compiled prompt the call sends
	 * @return the advisor parameter, for {@code ChatClientRequestSpec.advisors(...)}
	 */
	public static Consumer<ChatClient.AdvisorSpec> bindPrompt(CompiledPrompt prompt) {
		Objects.requireNonNull(prompt, "prompt must not be null");
		return (advisors) -> advisors.param(PROMPT, prompt);
	}

}
