package ai.northstar.sample.tools;

import java.math.BigDecimal;
import java.math.MathContext;


import org.springframework.stereotype.Component;

/**
 * Evaluates arithmetic: {@code + - * /}, parentheses, unary minus and decimal numbers; the model calls it as the
 * {@code calculator} tool of {@link ResearchTools}. A division by zero or a malformed expression throws, which ends
 * the tool's span {@code error}.
 *
 * @since 0.1.0
 */
@Component
public class CalculatorTool {

	/**
	 * Evaluates an expression.
	 * @param expression the expression, such as {@code (1250 * 0.8) + 42}
	 * @return the value, without trailing zeros
	 * @throws ArithmeticException on a division by zero
	 * @throws IllegalArgumentException when the expression is malformed
	 */
	public BigDecimal evaluate(String expression) {
		Parser parser = new Parser(expression);
		BigDecimal value = parser.expression();
		parser.skipSpaces();
		if (parser.position < expression.length()) {
			throw parser.unexpected();
		}
		return value.stripTrailingZeros();
	}

	/**
	 * A recursive-descent parser: expression = term (('+'|'-') term)*, term = factor (('*'|'/') factor)*, factor =
	 * '-' factor | number | '(' expression ')'.
	 */
	private static final class Parser {

		private final String text;

		private int position;

		Parser(String text) {
			this.text = text;
		}

		BigDecimal expression() {
			BigDecimal value = term();
			while (true) {
				if (accept('+')) {
					value = value.add(term(), MathContext.DECIMAL64);
				}
				else if (accept('-')) {
					value = value.subtract(term(), MathContext.DECIMAL64);
				}
				else {
					return value;
				}
			}
		}

		private BigDecimal term() {
			BigDecimal value = factor();
			while (true) {
				if (accept('*')) {
					value = value.multiply(factor(), MathContext.DECIMAL64);
				}
				else if (accept('/')) {
					BigDecimal divisor = factor();
					if (divisor.signum() == 0) {
						throw new ArithmeticException("Division by zero");
					}
					value = value.divide(divisor, MathContext.DECIMAL64);
				}
				else {
					return value;
				}
			}
		}

		private BigDecimal factor() {
			if (accept('-')) {
				return factor().negate();
			}
			if (accept('(')) {
				BigDecimal value = expression();
				if (!accept(')')) {
					throw unexpected();
				}
				return value;
			}
			skipSpaces();
			int start = this.position;
			while (this.position < this.text.length()
					&& (Character.isDigit(this.text.charAt(this.position)) || this.text.charAt(this.position) == '.')) {
				this.position++;
			}
			if (start == this.position) {
				throw unexpected();
			}
			try {
				return new BigDecimal(this.text.substring(start, this.position));
			}
			catch (NumberFormatException ex) {
				this.position = start;
				throw unexpected();
			}
		}

		private boolean accept(char expected) {
			skipSpaces();
			if (this.position < this.text.length() && this.text.charAt(this.position) == expected) {
				this.position++;
				return true;
			}
			return false;
		}

		void skipSpaces() {
			while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
				this.position++;
			}
		}

		IllegalArgumentException unexpected() {
			String found = (this.position < this.text.length()) ? "'" + this.text.charAt(this.position) + "'"
					: "the end";
			return new IllegalArgumentException(
					"Unexpected " + found + " at position " + this.position + " of '" + this.text + "'");
		}

	}

}
