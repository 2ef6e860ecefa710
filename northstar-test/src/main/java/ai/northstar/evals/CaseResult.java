package ai.northstar.evals;

import java.util.List;
import java.util.Objects;

import ai.northstar.evals.internal.EvalJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The grades of one case.
 *
 * @param caseId the case id
 * @param status failed when a grade failed, not evaluated when every grade was skipped, else passed
 * @param grades the grades, in the order of the suite's graders
 * @param runId the id of the run the case was evaluated on, when it had a trace
 * @since 0.1.0
 */
public record CaseResult(String caseId, CaseStatus status, List<GradeResult> grades, @Nullable String runId) {

	public CaseResult {
		Objects.requireNonNull(caseId, "caseId must not be null");
		grades = List.copyOf(grades);
	}

	/**
	 * Returns the status of a case with these grades.
	 * @param grades the grades
	 * @return the status
	 */
	public static CaseStatus statusOf(List<GradeResult> grades) {
		boolean evaluated = false;
		for (GradeResult grade : grades) {
			if (grade.status() == GradeStatus.FAILED) {
				return CaseStatus.FAILED;
			}
			evaluated |= grade.status() != GradeStatus.SKIPPED;
		}
		return evaluated ? CaseStatus.PASSED : CaseStatus.NOT_EVALUATED;
	}

	/**
	 * Returns the grade of a grader.
	 * @param name the grader's name
	 * @return the grade
	 * @throws IllegalArgumentException when no grader has this name
	 */
	public GradeResult grade(String name) {
		return this.grades.stream()
			.filter((grade) -> grade.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No grade named '" + name + "' in case " + this.caseId));
	}

	/**
	 * Returns the case result as JSON, with the keys of the Python SDK ({@code case_id}, {@code status},
	 * {@code grades}).
	 * @return the JSON
	 */
	public ObjectNode toJson() {
		ObjectNode node = EvalJson.NODES.objectNode();
		node.put("case_id", this.caseId);
		node.put("status", this.status.wireValue());
		ArrayNode grades = node.putArray("grades");
		this.grades.forEach((grade) -> grades.add(grade.toJson()));
		return node;
	}

}
