package ai.northstar.sample.evals;

import java.nio.file.Path;
import java.util.stream.Stream;

import ai.northstar.evals.Dataset;
import ai.northstar.evals.EvalSuite;
import ai.northstar.evals.grader.Graders;
import ai.northstar.evals.judge.JudgeModel;
import ai.northstar.evals.judge.RubricJudge;
import ai.northstar.evals.judge.springai.SpringAiJudgeModel;
import ai.northstar.evals.junit.EvalTests;
import ai.northstar.sample.agent.ResearchAgent;
import ai.northstar.sample.model.FakeChatModel;
import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.spring.AutoConfigureNorthstarRecorder;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The research agent's eval suite: each case of {@code evals/research-agent.jsonl} is asked of the booted agent,
 * its run recorded (and checked as the backend would) by a {@link NorthstarRecorder}, then graded by the
 * deterministic graders and a rubric judge on the sample's fake model. One dynamic test per case and grader; the
 * build fails below an 80% pass rate. The {@code capital-of-mars} case fails on purpose: the agent fails the request
 * instead of saying it found nothing, a known gap the pass rate tolerates.
 */
@SpringBootTest(properties = "sample.evaluation.enabled=false")
@AutoConfigureNorthstarRecorder
class ResearchAgentEvalTests {

	private static final Path DATASET = Path.of("src/test/resources/evals/research-agent.jsonl");

	@Autowired
	private NorthstarRecorder recorder;

	@Autowired
	private ResearchAgent agent;

	@TestFactory
	Stream<DynamicNode> researchAgentEvals() {
		JudgeModel judge = SpringAiJudgeModel.of("fake-gpt-4o", new FakeChatModel());
		EvalSuite suite = EvalSuite.builder()
			.graders(Graders.deterministic())
			.grader(RubricJudge.create("answer_quality", judge))
			.metadata("dataset", "research-agent")
			.build();
		return EvalTests
			.of(suite, Dataset.fromPath(DATASET), this.recorder,
					(evalCase) -> this.agent.ask(evalCase.input().get("question").asString()))
			.minPassRate(0.8)
			.stream();
	}

}
