package ai.northstar.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a sample test class that only runs inside the JUnit Platform test kit of another test (which sets the
 * configuration parameter {@value #PARAMETER}), so that a build running every class does not run it on its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestKitOnly.Condition.class)
public @interface TestKitOnly {

	/** The configuration parameter set by the test kit runs. */
	String PARAMETER = "northstar.test-kit";

	/** Enables the sample only under the test kit. */
	final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return context.getConfigurationParameter(PARAMETER).isPresent()
					? ConditionEvaluationResult.enabled("run by the test kit")
					: ConditionEvaluationResult.disabled("a sample run only by the test kit");
		}

	}

}
