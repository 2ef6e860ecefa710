package ai.northstar.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PromptDefinition}.
 */
class PromptDefinitionTests {

	@Test
	void shouldUseDefaultsWhenOnlyNameAndContentAreGiven() {
		PromptDefinition definition = PromptDefinition.builder("  Support Answer ", "Hi {{ user }}, {topic}? {{user}}")
			.build();
		assertThat(definition.name()).isEqualTo("Support Answer");
		assertThat(definition.slug()).isEqualTo("support-answer");
		assertThat(definition.version()).isEqualTo(1);
		assertThat(definition.labels()).isEmpty();
		assertThat(definition.variables().toString()).isEqualTo("[\"topic\",\"user\"]");
	}

	@Test
	void shouldKeepLettersOfEveryScriptWhenSlugIsDerived() {
		assertThat(PromptDefinition.slugOf("Résumé — 日本語 Prompt!")).isEqualTo("résumé-日本語-prompt");
		assertThat(PromptDefinition.slugOf("🙂")).isEqualTo("🙂");
	}

	@Test
	void shouldFindPlaceholdersLikeThePythonSdkWhenTemplateHoldsJson() {
		assertThat(PromptDefinition.placeholders("{\"a\": 1} {{x}} { b } {y}")).containsExactly("x", "y");
	}

	@Test
	void shouldRejectValuesTheBackendRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> PromptDefinition.builder(" ", "c").build())
			.withMessage("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> PromptDefinition.builder("n", "c").version(0).build())
			.withMessage("version must be >= 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptDefinition.builder("n", "c").temperature(2.5).build())
			.withMessage("temperature must be between 0 and 2, was 2.5");
		assertThatIllegalArgumentException().isThrownBy(() -> PromptDefinition.builder("n", "c").maxTokens(0).build())
			.withMessage("maxTokens must be > 0, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> PromptDefinition.builder("n", "c").labels(" ").build())
			.withMessage("label must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptDefinition.builder("n", "x".repeat(65_537)).variables(java.util.List.of()).build())
			.withMessage("content must be at most 65536 characters, was 65537");
	}

}
