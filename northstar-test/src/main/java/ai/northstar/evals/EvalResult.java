package ai.northstar.evals;

import java.util.List;
import java.util.Map;

import ai.northstar.evals.internal.EvalJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of an {@link EvalSuite} run, with the keys of the Python SDK's {@code EvalResult}, so results of both
 * SDKs read alike: {@code pass_rate = passed_cases / evaluated_cases} (0 when none was evaluated), cases whose every
 * grade was skipped are {@code not_evaluated} and do not count.
 *
 * @param metadata the suite's metadata: {@code plan}, {@code grader_names}, {@code created_at} and the user's
 * @param totalCases the number of cases
 * @param evaluatedCases the cases with at least one grade that was not skipped
 * @param notEvaluatedCases the cases whose every grade was skipped
 * @param passedCases the evaluated cases with no failed grade
 * @param failedCases the cases with a failed grade
 * @param passRate passed over evaluated cases
 * @param skippedGrades the number of skipped grades
 * @param caseResults the result of each case, in dataset order
 * @since 0.1.0
 */
public record EvalResult(Map<String, JsonNode> metadata, int totalCases, int evaluatedCases, int notEvaluatedCases,
		int passedCases, int failedCases, double passRate, int skippedGrades, List<CaseResult> caseResults) {

	public EvalResult {
		metadata = EvalJson.copy(metadata);
		caseResults = List.copyOf(caseResults);
	}

	/**
	 * Summarizes case results.
	 * @param metadata the suite's metadata
	 * @param caseResults the case results
	 * @return the result
	 */
	public static EvalResult of(Map<String, JsonNode> metadata, List<CaseResult> caseResults) {
		int evaluated = 0;
		int passed = 0;
		int failed = 0;
		int skipped = 0;
		for (CaseResult result : caseResults) {
			evaluated += (result.status() != CaseStatus.NOT_EVALUATED) ? 1 : 0;
			passed += (result.status() == CaseStatus.PASSED) ? 1 : 0;
			failed += (result.status() == CaseStatus.FAILED) ? 1 : 0;
			skipped += (int) result.grades().stream().filter((grade) -> grade.status() == GradeStatus.SKIPPED).count();
		}
		double passRate = (evaluated > 0) ? (double) passed / evaluated : 0.0;
		return new EvalResult(metadata, caseResults.size(), evaluated, caseResults.size() - evaluated, passed, failed,
				passRate, skipped, caseResults);
	}

	/**
	 * Returns the result of a case.
	 * @param caseId the case id
	 * @return the case result
	 * @throws IllegalArgumentException when no case has this id
	 */
	public CaseResult caseResult(String caseId) {
		return this.caseResults.stream()
			.filter((result) -> result.caseId().equals(caseId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No case with id '" + caseId + "'"));
	}

	/**
	 * Returns the result as JSON, with exactly the keys of the Python SDK's {@code EvalResult}.
	 * @return the JSON
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.set("metadata", EvalJson.toJson(this.metadata));
		node.put("total_cases", this.totalCases);
		node.put("evaluated_cases", this.evaluatedCases);
		node.put("not_evaluated_cases", this.notEvaluatedCases);
		node.put("passed_cases", this.passedCases);
		node.put("failed_cases", this.failedCases);
		node.put("pass_rate", this.passRate);
		node.put("skipped_grades", this.skippedGrades);
		ArrayNode cases = node.putArray("case_results");
		this.caseResults.forEach((result) -> cases.add(result.toJson()));
		return node;
	}

	/**
	 * Returns the result as JSON text.
	 * @return the JSON text
	 */
	public String toJsonString() {
		return EvalJson.MAPPER.writeValueAsString(toJson());
	}

}
