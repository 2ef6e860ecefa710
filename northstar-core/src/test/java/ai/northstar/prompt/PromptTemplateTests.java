package ai.northstar.prompt;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PromptTemplate}: the placeholders of a template and how they are filled.
 */
class PromptTemplateTests {

	@Test
	void shouldFindBothPlaceholderStylesSortedAndOnceWhenTheTemplateMixesThem() {
		assertThat(PromptTemplate.placeholders("{{ question }} {topic} {{topic}} {{\tq_2 }} {_x}"))
			.containsExactly("_x", "q_2", "question", "topic");
	}

	@Test
	void shouldIgnoreBracesThatAreNoPlaceholderWhenTheTemplateHoldsJsonOrCode() {
		String template = "Answer as {\"answer\": string}. { spaced } {1st} {{{ inner }}} {a-b} {{ x y }}";
		assertThat(PromptTemplate.placeholders(template)).containsExactly("inner");
	}

	@Test
	void shouldReplaceBothStylesWhenEveryVariableIsGiven() {
		String text = PromptTemplate.render("Q: {{ question }}\nTopic: {topic}; again {{topic}}",
				Map.of("question", "Où est la gare ?", "topic", "🚆 火车"));
		assertThat(text).isEqualTo("Q: Où est la gare ?\nTopic: 🚆 火车; again 🚆 火车");
	}

	@Test
	void shouldInsertValuesLiterallyWhenTheyHoldPlaceholdersOrReplacementSyntax() {
		String text = PromptTemplate.render("{a} | {{ b }}",
				Map.of("a", "{b} costs $1 \\n $0", "b", "{{ a }} 😀"));
		assertThat(text).isEqualTo("{b} costs $1 \\n $0 | {{ a }} 😀");
	}

	@Test
	void shouldKeepTheInnerBracesWhenAPlaceholderIsWrappedInAThirdPair() {
		assertThat(PromptTemplate.render("{{{ name }}}", Map.of("name", "x"))).isEqualTo("{x}");
	}

	@Test
	void shouldNameEveryMissingVariableInOrderWhenSomeAreMissing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptTemplate.render("{{ question }} {topic} {audience}", Map.of("topic", "t")))
			.withMessage("Missing prompt variables: audience, question");
	}

	@Test
	void shouldIgnoreExtraVariablesAndWriteNullAsTextWhenTheValuesSaySo() {
		Map<String, Object> values = new HashMap<>();
		values.put("a", null);
		values.put("unused", "ignored");
		values.put("n", 42);
		assertThat(PromptTemplate.render("{a}/{n}", values)).isEqualTo("null/42");
	}

	@Test
	void shouldLeaveTheTemplateUnchangedWhenItHasNoPlaceholder() {
		String template = "Sois bref. 簡潔に。 كن موجزا 😀";
		assertThat(PromptTemplate.render(template, new LinkedHashMap<>())).isEqualTo(template)
			.satisfies((text) -> assertThat(PromptTemplate.placeholders(text)).isEmpty());
	}

}
