package ai.northstar.sample.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DocumentSearchTool} over the bundled corpus.
 */
class DocumentSearchToolTests {

	private final DocumentSearchTool search = new DocumentSearchTool(new Corpus());

	@Test
	void shouldRankTheDocumentThatMatchesBestFirstWhenSearching() {
		assertThat(this.search.search("How do I attach a score to a run?", 3)).hasSize(3)
			.first()
			.satisfies((hit) -> {
				assertThat(hit.title()).isEqualTo("Scoring runs");
				assertThat(hit.url()).isEqualTo("https://docs.northstar.example/guides/scores");
				assertThat(hit.snippet()).contains("score");
			});
	}

	@Test
	void shouldFindNothingWhenNoDocumentMentionsTheKeywords() {
		assertThat(this.search.search("What is the capital of Mars?", 3)).isEmpty();
	}

	@Test
	void shouldRejectANonPositiveLimitWhenSearching() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.search.search("scores", 0))
			.withMessage("limit must be > 0, was 0");
	}

}
