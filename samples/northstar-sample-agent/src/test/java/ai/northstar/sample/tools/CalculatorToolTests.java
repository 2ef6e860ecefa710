package ai.northstar.sample.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CalculatorTool}.
 */
class CalculatorToolTests {

	private final CalculatorTool calculator = new CalculatorTool();

	@Test
	void shouldRespectPrecedenceAndParenthesesWhenEvaluating() {
		assertThat(this.calculator.evaluate("2 + 3 * 4").toPlainString()).isEqualTo("14");
		assertThat(this.calculator.evaluate("(2 + 3) * 4").toPlainString()).isEqualTo("20");
		assertThat(this.calculator.evaluate("(1250 * 0.8) + 42").toPlainString()).isEqualTo("1042");
		assertThat(this.calculator.evaluate("-3 - -2").toPlainString()).isEqualTo("-1");
		assertThat(this.calculator.evaluate("1 / 4").toPlainString()).isEqualTo("0.25");
	}

	@Test
	void shouldFailWhenDividingByZero() {
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> this.calculator.evaluate("42 / 0"))
			.withMessage("Division by zero");
	}

	@Test
	void shouldNameThePositionWhenTheExpressionIsMalformed() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculator.evaluate("2 * (3 + 4"))
			.withMessage("Unexpected the end at position 10 of '2 * (3 + 4'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculator.evaluate("2 $ 3"))
			.withMessage("Unexpected '$' at position 2 of '2 $ 3'");
	}

}
