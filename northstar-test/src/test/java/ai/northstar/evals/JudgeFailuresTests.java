package ai.northstar.evals;

import java.util.concurrent.TimeoutException;

import ai.northstar.evals.judge.JudgeFailures;
import ai.northstar.evals.judge.JudgeModel;
import ai.northstar.evals.judge.RubricJudge;
import org.junit.jupiter.api.Test;

import static ai.northstar.evals.PyFixtures.oneCase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JudgeFailures}, mirroring the failure-message tests of the Python SDK's
 * {@code tests/test_evals.py}.
 */
class JudgeFailuresTests {

	/** Mirrors {@code test_required_api_key_env_maps_providers} and {@code ..._maps_bare_model_names}. */
	@Test
	void shouldNameTheApiKeyVariableWhenTheProviderIsKnown() {
		assertThat(JudgeFailures.apiKeyVariable("openrouter/openai/gpt-4o")).isEqualTo("OPENROUTER_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("openai/gpt-4o")).isEqualTo("OPENAI_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("anthropic/claude-3-5-sonnet")).isEqualTo("ANTHROPIC_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("gemini/gemini-pro")).isEqualTo("GEMINI_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("groq/llama-3.1-70b")).isEqualTo("GROQ_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("mistral/mistral-large")).isEqualTo("MISTRAL_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("cohere/command-r-plus")).isEqualTo("COHERE_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("deepseek/deepseek-v4-flash")).isEqualTo("DEEPSEEK_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("openrouter/deepseek/deepseek-v4-flash")).isEqualTo("OPENROUTER_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("unknown-provider/some-model")).isNull();
		assertThat(JudgeFailures.apiKeyVariable("gpt-4o")).isEqualTo("OPENAI_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("o1-mini")).isEqualTo("OPENAI_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("claude-3-5-sonnet-20241022")).isEqualTo("ANTHROPIC_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("gemini-1.5-pro")).isEqualTo("GEMINI_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("text-embedding-3-small")).isEqualTo("OPENAI_API_KEY");
		assertThat(JudgeFailures.apiKeyVariable("llama-3.1-70b")).isNull();
	}

	/** Mirrors {@code test_judge_authentication_error_returns_actionable_feedback} and the unknown-provider twin. */
	@Test
	void shouldNameTheKeyToSetWhenTheModelIsNotAuthenticated() {
		JudgeFailures.Failure failure = JudgeFailures.describe(new RuntimeException(
				"AuthenticationError: OpenrouterException - {\"error\":{\"message\":\"Missing Authentication header\",\"code\":401}}"),
				"openrouter/openai/gpt-oss-120b:free");
		assertThat(failure.reason()).contains("not authenticated");
		assertThat(failure.feedback()).contains("OPENROUTER_API_KEY").contains("401");

		JudgeFailures.Failure unknown = JudgeFailures.describe(new RuntimeException("401 unauthorized"),
				"some-obscure-provider/some-model");
		assertThat(unknown.reason()).contains("not authenticated");
		assertThat(unknown.feedback()).contains("API key").contains("401");
	}

	/** Mirrors the rate-limit, context-window, not-found and unknown-error tests. */
	@Test
	void shouldExplainTheFailureWhenTheModelIsLimitedTooSmallUnknownOrSlow() {
		assertThat(JudgeFailures.describe(new RuntimeException("RateLimitError: 429 too many requests"), "openai/gpt-4o"))
			.satisfies((failure) -> {
				assertThat(failure.reason()).contains("rate-limited");
				assertThat(failure.feedback()).contains("429");
			});
		assertThat(JudgeFailures.describe(new RuntimeException("context_length_exceeded: maximum context length is 8192"),
				"openai/gpt-4o").reason()).contains("context window");
		assertThat(JudgeFailures.describe(new RuntimeException("404 model not found"), "openai/gpt-5-pretend"))
			.satisfies((failure) -> {
				assertThat(failure.reason()).contains("not found");
				assertThat(failure.feedback()).contains("openai");
			});
		assertThat(JudgeFailures.describe(new TimeoutException("no answer"), "ollama/llama3").reason()).contains("timed out");
		JudgeFailures.Failure generic = JudgeFailures.describe(new RuntimeException("some weird error"), "openai/gpt-4o");
		assertThat(generic.reason()).contains("raised RuntimeException");
		assertThat(generic.feedback()).isEqualTo("The LLM judge errored before producing feedback.");
	}

	/** Mirrors {@code test_eval_suite_returns_actionable_feedback_for_auth_error}. */
	@Test
	void shouldFailTheGradeWithActionableFeedbackWhenTheJudgeModelThrows() {
		JudgeModel model = JudgeModel.of("openrouter/openai/gpt-oss-120b:free", (request) -> {
			throw new IllegalStateException("litellm.AuthenticationError: OpenrouterException - "
					+ "{\"error\":{\"message\":\"Missing Authentication header\",\"code\":401}}");
		});
		EvalCase evalCase = oneCase("{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}], \"expected\": {\"goal\": \"greet\"}}");

		GradeResult grade = EvalSuite.builder().grader(RubricJudge.create("rubric_judge", model)).build()
			.run(Dataset.of(evalCase)).caseResults().get(0).grades().get(0);

		assertThat(grade.status()).isEqualTo(GradeStatus.FAILED);
		assertThat(grade.reason()).contains("not authenticated");
		assertThat(grade.feedback()).contains("OPENROUTER_API_KEY");
		assertThat(grade.metadata().get("judge_model").asString()).isEqualTo("openrouter/openai/gpt-oss-120b:free");
		assertThat(grade.metadata().get("error_type").asString()).isEqualTo("IllegalStateException");
	}

}
