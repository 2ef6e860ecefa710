package ai.northstar.evals.judge;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Explains why a judge's model failed, with a reason and feedback a developer can act on, as the Python SDK does:
 * authentication (401), rate limit (429), context window, timeout, permission (403) and unknown model (404),
 * recognized by the exception's class name or message.
 *
 * @since 0.1.0
 */
public final class JudgeFailures {

	private static final Map<String, String> API_KEY_BY_PROVIDER = Map.ofEntries(
			Map.entry("openrouter", "OPENROUTER_API_KEY"), Map.entry("openai", "OPENAI_API_KEY"),
			Map.entry("anthropic", "ANTHROPIC_API_KEY"), Map.entry("azure", "AZURE_API_KEY"),
			Map.entry("gemini", "GEMINI_API_KEY"), Map.entry("google", "GOOGLE_API_KEY"),
			Map.entry("vertex_ai-language-models", "GOOGLE_APPLICATION_CREDENTIALS"), Map.entry("groq", "GROQ_API_KEY"),
			Map.entry("mistral", "MISTRAL_API_KEY"), Map.entry("cohere", "COHERE_API_KEY"),
			Map.entry("together", "TOGETHER_API_KEY"), Map.entry("replicate", "REPLICATE_API_KEY"),
			Map.entry("perplexity", "PERPLEXITY_API_KEY"), Map.entry("deepseek", "DEEPSEEK_API_KEY"),
			Map.entry("fireworks", "FIREWORKS_API_KEY"), Map.entry("huggingface", "HUGGINGFACE_API_KEY"),
			Map.entry("openai_compatible", "OPENAI_API_KEY"), Map.entry("text-completion-openai", "OPENAI_API_KEY"));

	private JudgeFailures() {
	}

	/**
	 * Returns the environment variable that usually holds the API key of a model's provider.
	 * @param model the model name, such as {@code openrouter/deepseek/deepseek-v4-flash} or {@code gpt-4o}
	 * @return the variable, {@code null} when the provider is unknown
	 */
	public static @Nullable String apiKeyVariable(String model) {
		int slash = model.indexOf('/');
		if (slash >= 0) {
			return API_KEY_BY_PROVIDER.get(model.substring(0, slash).toLowerCase(Locale.ROOT));
		}
		String lowered = model.toLowerCase(Locale.ROOT);
		for (String prefix : new String[] { "gpt-", "o1-", "o3-", "o4-", "text-embedding-", "dall-e", "whisper" }) {
			if (lowered.startsWith(prefix)) {
				return "OPENAI_API_KEY";
			}
		}
		if (lowered.startsWith("claude")) {
			return "ANTHROPIC_API_KEY";
		}
		if (lowered.startsWith("gemini")) {
			return "GEMINI_API_KEY";
		}
		if (lowered.startsWith("command")) {
			return "COHERE_API_KEY";
		}
		if (lowered.startsWith("mixtral") || lowered.startsWith("mistral")) {
			return "MISTRAL_API_KEY";
		}
		return null;
	}

	/**
	 * Explains a failure of a judge's model.
	 * @param error what the model threw
	 * @param model the model name
	 * @return the reason and feedback
	 */
	public static Failure describe(Throwable error, String model) {
		String type = error.getClass().getSimpleName();
		String raw = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
		int slash = model.indexOf('/');
		String provider = (slash >= 0) ? model.substring(0, slash) : model;
		if (type.equals("AuthenticationError") || raw.contains("missing authentication") || raw.contains("invalid api key")
				|| raw.contains("incorrect api key") || raw.contains("401")) {
			String variable = apiKeyVariable(model);
			return new Failure("Judge model '" + model + "' is not authenticated.", "The " + provider
					+ " API rejected the request (401). "
					+ ((variable != null) ? "Set the " + variable + " environment variable with a valid API key"
							: "Set the appropriate API key environment variable")
					+ " and rerun the eval.");
		}
		if (type.equals("RateLimitError") || raw.contains("rate limit") || raw.contains("429")) {
			return new Failure("Judge model '" + model + "' is rate-limited.", "The " + provider
					+ " API returned a rate limit (429). Wait and retry, or switch to a model with higher limits.");
		}
		if (type.equals("ContextWindowExceededError") || raw.contains("context length") || raw.contains("context_length")
				|| raw.contains("maximum context length")) {
			return new Failure("Judge model '" + model + "' exceeded its context window.",
					"The input is too large for the judge's context window. Shorten the rubric or final response,"
							+ " or pick a model with a larger window.");
		}
		if (type.equals("Timeout") || type.equals("APITimeoutError") || type.contains("Timeout")
				|| raw.contains("timed out") || raw.contains("timeout")) {
			return new Failure("Judge model '" + model + "' timed out.",
					"The LLM call exceeded the timeout. Try a faster model or rerun the eval.");
		}
		if (type.equals("PermissionDeniedError") || raw.contains("403") || raw.contains("forbidden")) {
			return new Failure("Judge model '" + model + "' denied the request.", "The " + provider
					+ " API denied the request (403). Check that your account has access to this model.");
		}
		if (type.equals("NotFoundError") || raw.contains("404") || raw.contains("model not found")
				|| raw.contains("unknown model")) {
			return new Failure("Judge model '" + model + "' was not found.", "The " + provider
					+ " provider does not recognize '" + model + "'. Use a valid model id.");
		}
		return new Failure("Judge model '" + model + "' raised " + type + ".",
				"The LLM judge errored before producing feedback.");
	}

	/**
	 * The explanation of a failure.
	 *
	 * @param reason what happened
	 * @param feedback what to do about it
	 * @since 0.1.0
	 */
	public record Failure(String reason, String feedback) {

	}

}
