package ai.northstar.evals.judge;

/**
 * The model behind an LLM judge: answers one prompt with text, which the judge parses as JSON. Adapters exist for a
 * Spring AI {@code ChatModel} ({@code SpringAiJudgeModel}) and a LangChain4j {@code ChatModel}
 * ({@code LangChain4jJudgeModel}); a test can implement it with a lambda-like fake.
 *
 * <pre>{@code
 * JudgeModel fake = JudgeModel.of("fake-judge", (request) -> "{\"score\": 1, \"reason\": \"ok\", \"feedback\": \"none\"}");
 * }</pre>
 *
 * @since 0.1.0
 */
public interface JudgeModel {

	/**
	 * Returns the model's name, written as {@code judge_model} in the grades.
	 * @return the name
	 */
	String name();

	/**
	 * Answers a judge's request.
	 * @param request the prompts, temperature and expected answer
	 * @return the answer text, which should hold one JSON object
	 * @throws Exception when the model fails; the grade fails with an actionable reason
	 */
	String complete(JudgeRequest request) throws Exception;

	/**
	 * Returns a model made of a name and a function.
	 * @param name the name
	 * @param completion the function answering requests
	 * @return the model
	 */
	static JudgeModel of(String name, Completion completion) {
		java.util.Objects.requireNonNull(name, "name must not be null");
		java.util.Objects.requireNonNull(completion, "completion must not be null");
		return new JudgeModel() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public String complete(JudgeRequest request) throws Exception {
				return completion.complete(request);
			}

			@Override
			public String toString() {
				return "JudgeModel[" + name + "]";
			}

		};
	}

	/**
	 * A function answering a judge's request.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	interface Completion {

		/**
		 * Answers a request.
		 * @param request the request
		 * @return the answer text
		 * @throws Exception when the model fails
		 */
		String complete(JudgeRequest request) throws Exception;

	}

}
