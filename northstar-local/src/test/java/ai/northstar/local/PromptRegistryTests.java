package ai.northstar.local;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PromptRegistry}, as {@link LocalStore#prompts()} implements it.
 */
class PromptRegistryTests {

	private final PromptRegistry prompts = LocalStore.create().prompts();

	@Test
	void shouldResolveLabelledVersionWhenNoVersionIsGiven() {
		this.prompts.define("Support answer", 1, List.of("staging"), "Answer {q}.", null, null, null, List.of("q"));
		PromptVersion prod = this.prompts.define("Support answer", 2, List.of("prod"), "Réponds à {{ q }} 🙂",
				"gpt-4o", 0.2, 512, List.of("q"));
		assertThat(this.prompts.resolve("support-answer", "prod", null)).contains(prod);
		assertThat(this.prompts.resolve("support-answer", "staging", null)).get()
			.satisfies((version) -> assertThat(version.versionNumber()).isEqualTo(1));
		assertThat(prod.content()).isEqualTo("Réponds à {{ q }} 🙂");
		assertThat(prod.contentHash()).isEqualTo(PromptVersion.contentHash("Réponds à {{ q }} 🙂")).hasSize(64);
		assertThat(prod.labels()).containsExactly("prod");
		assertThat(prod.model()).isEqualTo("gpt-4o");
		assertThat(prod.temperature()).isEqualTo(0.2);
		assertThat(prod.maxTokens()).isEqualTo(512);
		assertThat(prod.variables().toString()).isEqualTo("[\"q\"]");
	}

	@Test
	void shouldResolveByNameIgnoringCaseWhenSlugDiffers() {
		PromptVersion version = this.prompts.define(PromptDefinition.builder("Résumé Writer", "Write {x}")
			.slug("resume")
			.labels("prod")
			.build());
		assertThat(this.prompts.resolve("resume", "prod", null)).contains(version);
		assertThat(this.prompts.resolve("rÉsumÉ writer", "prod", null)).contains(version);
		assertThat(this.prompts.resolve("résumé-writer", "prod", null)).isEmpty();
	}

	@Test
	void shouldResolveExactVersionWhateverTheLabelWhenVersionIsGiven() {
		this.prompts.define("p", 1, List.of(), "one", null, null, null, List.of());
		this.prompts.define("p", 2, List.of("prod"), "two", null, null, null, List.of());
		assertThat(this.prompts.resolve("p", "no-such-label", 1)).get()
			.satisfies((version) -> assertThat(version.content()).isEqualTo("one"));
		assertThat(this.prompts.resolve("p", "prod", 3)).isEmpty();
		assertThat(this.prompts.resolve("p", "staging", null)).isEmpty();
		assertThat(this.prompts.resolve("q", "prod", null)).isEmpty();
	}

	@Test
	void shouldMoveLabelToVersionDefinedLastWhenTwoVersionsClaimIt() {
		PromptVersion first = this.prompts.define("p", 1, List.of("prod"), "one", null, null, null, List.of());
		PromptVersion second = this.prompts.define("p", 2, List.of("prod"), "two", null, null, null, List.of());
		assertThat(this.prompts.resolve("p", "prod", null)).contains(second);
		assertThat(this.prompts.version(first.id())).get()
			.satisfies((version) -> assertThat(version.labels()).isEmpty());
	}

	@Test
	void shouldReplaceVersionKeepingItsIdWhenDefinedAgain() {
		PromptVersion before = this.prompts.define("p", 1, List.of("prod"), "old", null, null, null, List.of());
		PromptVersion after = this.prompts.define("p", 1, List.of("prod"), "new", null, null, null, List.of());
		assertThat(after.id()).isEqualTo(before.id());
		assertThat(this.prompts.versions()).containsExactly(after);
		assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
	}

	@Test
	void shouldDeriveTheSameIdsWhenAnotherRegistryDefinesTheSamePrompt() {
		PromptVersion here = this.prompts.define("p", 3, List.of(), "x", null, null, null, List.of());
		PromptVersion there = LocalStore.create().prompts().define("p", 3, List.of(), "y", null, null, null, List.of());
		assertThat(there.id()).isEqualTo(here.id());
		assertThat(there.promptId()).isEqualTo(here.promptId());
		assertThat(this.prompts.version(here.id())).isPresent();
		assertThat(this.prompts.version(UUID.randomUUID())).isEmpty();
	}

	@Test
	void shouldAnswerTheBackendShapeWhenVersionIsWrittenAsJson() {
		PromptVersion version = this.prompts.define("p", 1, List.of("prod"), "Hi {name}", null, 0.7, null,
				List.of("name"));
		assertThat(version.toJson().toString()).isEqualTo("{\"id\":\"" + version.id() + "\",\"prompt_id\":\""
				+ version.promptId() + "\",\"version_number\":1,\"content\":\"Hi {name}\",\"model\":null,"
				+ "\"temperature\":0.7,\"max_tokens\":null,\"variables\":[\"name\"],\"content_hash\":\""
				+ version.contentHash() + "\"}");
	}

}
