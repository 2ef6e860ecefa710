package ai.northstar;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.northstar.ModelPricing.Price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ModelPricing}.
 */
class ModelPricingTests {

	private static final Set<String> REQUIRED_MODELS = Set.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini",
			"gpt-4.1-nano", "o1", "o1-mini", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
			"claude-opus-4-1", "claude-opus-4", "claude-sonnet-4-5", "claude-sonnet-4", "claude-3-7-sonnet",
			"claude-3-5-haiku", "claude-haiku-4-5", "claude-3-haiku", "gemini-2.5-pro", "gemini-2.5-flash",
			"gemini-2.5-flash-lite", "gemini-2.0-flash", "gemini-1.5-pro", "gemini-1.5-flash");

	private final ModelPricing pricing = ModelPricing.defaults();

	@Test
	void shouldReturnSameInstanceWhenDefaultsCalledTwice() {
		assertThat(ModelPricing.defaults()).isSameAs(this.pricing);
	}

	@Test
	void shouldFindBundledPriceWhenIdIsExact() {
		Price price = this.pricing.find("gpt-4o").orElseThrow();
		assertThat(price.inputPerToken()).isEqualByComparingTo("0.0000025");
		assertThat(price.outputPerToken()).isEqualByComparingTo("0.00001");
	}

	@Test
	void shouldFindPriceWhenIdDiffersInCase() {
		assertThat(this.pricing.find("GPT-4o")).isEqualTo(this.pricing.find("gpt-4o"));
		assertThat(this.pricing.find(" Claude-Sonnet-4-5 ")).isEqualTo(this.pricing.find("claude-sonnet-4-5"));
	}

	@ParameterizedTest
	@CsvSource({ "gpt-4o-2024-08-06, gpt-4o", "gpt-4o-mini-2024-07-18, gpt-4o-mini", "gpt-4.1-2025-04-14, gpt-4.1",
			"gpt-4.1-mini-2025-04-14, gpt-4.1-mini", "o3-mini-2025-01-31, o3-mini", "gpt-5-nano-2025-08-07, gpt-5-nano",
			"claude-sonnet-4-5-20250929, claude-sonnet-4-5", "claude-sonnet-4-20250514, claude-sonnet-4",
			"claude-opus-4-1-20250805, claude-opus-4-1", "claude-opus-4-20250514, claude-opus-4",
			"claude-3-7-sonnet-latest, claude-3-7-sonnet", "claude-3-5-haiku-20241022, claude-3-5-haiku",
			"claude-3-haiku@20240307, claude-3-haiku", "models/gemini-2.5-pro, gemini-2.5-pro",
			"gemini-2.5-flash-lite-preview-06-17, gemini-2.5-flash-lite", "gemini-1.5-flash-002, gemini-1.5-flash",
			"openai/gpt-4o, gpt-4o", "anthropic/claude-haiku-4-5-20251001, claude-haiku-4-5",
			"google/gemini-2.0-flash-001, gemini-2.0-flash", "OpenAI/GPT-4o-Mini, gpt-4o-mini" })
	void shouldResolveToBaseModelWhenIdIsDatedOrPrefixed(String model, String base) {
		assertThat(this.pricing.find(model)).isPresent().isEqualTo(this.pricing.find(base));
	}

	@Test
	void shouldPreferLongestKnownPrefixWhenSeveralMatch() {
		ModelPricing pricing = ModelPricing.builder()
			.clear()
			.pricePerMillion("gpt-4o", 2.50, 10.00)
			.pricePerMillion("gpt-4o-mini", 0.15, 0.60)
			.build();
		assertThat(pricing.find("gpt-4o-mini-2024-07-18").orElseThrow().inputPerToken())
			.isEqualByComparingTo("0.00000015");
		assertThat(pricing.find("gpt-4o-2024-08-06").orElseThrow().inputPerToken()).isEqualByComparingTo("0.0000025");
	}

	@Test
	void shouldPreferExactEntryWhenDatedIdIsPricedItself() {
		assertThat(this.pricing.find("gpt-4o-2024-05-13").orElseThrow().inputPerToken())
			.isEqualByComparingTo("0.000005");
	}

	@Test
	void shouldNotMatchPrefixWhenNextCharacterIsNoSeparator() {
		ModelPricing pricing = ModelPricing.builder().clear().pricePerMillion("o1", 15, 60).build();
		assertThat(pricing.find("o1x")).isEmpty();
		assertThat(pricing.find("o10")).isEmpty();
		assertThat(pricing.find("o1-2024-12-17")).isPresent();
	}

	@Test
	void shouldReturnEmptyWhenModelIsUnknown() {
		assertThat(this.pricing.find("llama-3-70b")).isEmpty();
		assertThat(this.pricing.find("")).isEmpty();
		assertThat(this.pricing.find("gpt")).isEmpty();
		assertThat(this.pricing.cost("my-private-model", 10, 10)).isEmpty();
	}

	@Test
	void shouldComputeCostExactlyWhenModelIsKnown() {
		// gpt-4o: 2.50 in / 10.00 out per million
		assertThat(this.pricing.cost("gpt-4o", 1_000, 200)).hasValueSatisfying(
				(cost) -> assertThat(cost).isEqualByComparingTo("0.0045"));
		assertThat(this.pricing.cost("openai/gpt-4o", 1_000, 200)).map(BigDecimal::toString).contains("0.0045000");
		// gemini-1.5-flash: 0.075 in / 0.30 out per million; 1 token each is not rounded away
		assertThat(this.pricing.cost("gemini-1.5-flash", 1, 1)).hasValueSatisfying(
				(cost) -> assertThat(cost).isEqualByComparingTo("0.000000375"));
		assertThat(this.pricing.cost("claude-opus-4-1", 0, 0)).hasValueSatisfying(
				(cost) -> assertThat(cost).isEqualByComparingTo("0"));
		ModelPricing pricing = ModelPricing.builder()
			.clear()
			.price("m", new BigDecimal("0.1"), new BigDecimal("0.2"))
			.build();
		assertThat(pricing.cost("m", 3, 1)).hasValueSatisfying(
				(cost) -> assertThat(cost).isEqualByComparingTo("0.5"));
		assertThat(pricing.cost("m", Long.MAX_VALUE, 0)).hasValueSatisfying(
				(cost) -> assertThat(cost).isEqualByComparingTo(new BigDecimal(Long.MAX_VALUE).multiply(new BigDecimal("0.1"))));
	}

	@Test
	void shouldRejectNegativeTokenCountsWhenComputingCost() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.pricing.cost("gpt-4o", -1, 0))
			.withMessage("inputTokens must be >= 0, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.pricing.cost("gpt-4o", 0, -2))
			.withMessage("outputTokens must be >= 0, was -2");
	}

	@Test
	void shouldOverrideAndExtendBundledPricesWhenBuilt() {
		ModelPricing pricing = ModelPricing.builder()
			.pricePerMillion("GPT-4o", 1.00, 2.00)
			.price("my-model", new BigDecimal("0.000001"), new BigDecimal("0.000003"))
			.build();
		assertThat(pricing.find("gpt-4o-2024-08-06").orElseThrow())
			.isEqualTo(new Price(new BigDecimal("0.000001"), new BigDecimal("0.000002")));
		assertThat(pricing.find("my-model")).isPresent();
		assertThat(pricing.find("claude-sonnet-4-5")).isEqualTo(this.pricing.find("claude-sonnet-4-5"));
		assertThat(pricing.models()).containsAll(this.pricing.models()).contains("my-model");
		assertThat(this.pricing.find("gpt-4o").orElseThrow().inputPerToken()).isEqualByComparingTo("0.0000025");
	}

	@Test
	void shouldStartEmptyWhenCleared() {
		ModelPricing pricing = ModelPricing.builder().clear().build();
		assertThat(pricing.models()).isEmpty();
		assertThat(pricing.find("gpt-4o")).isEmpty();
	}

	@Test
	void shouldConvertPerMillionPricesExactlyWhenLoaded() {
		Properties properties = new Properties();
		properties.setProperty("Custom-Model.input", " 0.075 ");
		properties.setProperty("Custom-Model.output", "0.30");
		properties.setProperty("gpt-4.1.input", "1");
		properties.setProperty("gpt-4.1.output", "4");
		ModelPricing pricing = ModelPricing.builder().load(properties).build();
		Price custom = pricing.find("custom-model").orElseThrow();
		assertThat(custom.inputPerToken()).isEqualTo(new BigDecimal("0.000000075"));
		assertThat(custom.outputPerToken()).isEqualTo(new BigDecimal("0.0000003"));
		assertThat(pricing.find("gpt-4.1-2025-04-14").orElseThrow().outputPerToken()).isEqualByComparingTo("0.000004");
		assertThat(pricing.models()).contains("custom-model", "gpt-4o");
	}

	@Test
	void shouldRejectNonNumericPriceWhenLoaded() {
		assertThatIllegalArgumentException().isThrownBy(() -> load("gpt-4o.input", "cheap", "gpt-4o.output", "1"))
			.withMessage("Invalid model price 'gpt-4o.input': 'cheap' is not a number");
	}

	@Test
	void shouldRejectNegativePriceWhenLoaded() {
		assertThatIllegalArgumentException().isThrownBy(() -> load("gpt-4o.input", "1", "gpt-4o.output", "-0.5"))
			.withMessage("Invalid model price 'gpt-4o.output': must be >= 0, was -0.5");
	}

	@Test
	void shouldRejectMissingHalfWhenLoaded() {
		assertThatIllegalArgumentException().isThrownBy(() -> load("a.input", "1", "b.input", "1", "b.output", "2"))
			.withMessage("Missing model price 'a.output' for 'a'");
		assertThatIllegalArgumentException().isThrownBy(() -> load("a.output", "1"))
			.withMessage("Missing model price 'a.input' for 'a'");
	}

	@Test
	void shouldRejectUnknownKeyWhenLoaded() {
		assertThatIllegalArgumentException().isThrownBy(() -> load("gpt-4o.cached", "1"))
			.withMessage("Invalid model price key 'gpt-4o.cached': expected <model>.input or <model>.output");
		assertThatIllegalArgumentException().isThrownBy(() -> load(".input", "1"))
			.withMessage("Invalid model price key '.input': model id is empty");
	}

	@Test
	void shouldLeaveBuilderUnchangedWhenLoadFails() {
		ModelPricing.Builder builder = ModelPricing.builder().clear();
		Properties properties = properties("ok.input", "1", "ok.output", "1", "bad.input", "x", "bad.output", "1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.load(properties));
		assertThat(builder.build().models()).isEmpty();
	}

	@Test
	void shouldRejectInvalidBuilderArguments() {
		ModelPricing.Builder builder = ModelPricing.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.pricePerMillion(" ", 1, 1))
			.withMessage("model must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.pricePerMillion("m", -1, 1))
			.withMessage("inputPerMillionUsd must be >= 0, was -1.0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.pricePerMillion("m", 1, Double.NaN))
			.withMessage("outputPerMillionUsd must be >= 0, was NaN");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.price("m", BigDecimal.ONE, new BigDecimal("-0.1")))
			.withMessage("outputPerToken must be >= 0, was -0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> new Price(new BigDecimal("-1"), BigDecimal.ONE))
			.withMessage("inputPerToken must be >= 0, was -1");
	}

	@Test
	void shouldPriceEveryBundledModelWithInputAndOutputWhenResourceIsRead() throws IOException {
		Properties resource = new Properties();
		try (InputStream in = ModelPricing.class.getResourceAsStream("model-prices.properties")) {
			assertThat(in).isNotNull();
			resource.load(in);
		}
		Set<String> inputs = new HashSet<>();
		Set<String> outputs = new HashSet<>();
		for (String key : resource.stringPropertyNames()) {
			if (key.endsWith(".input")) {
				inputs.add(key.substring(0, key.length() - ".input".length()));
			}
			else {
				assertThat(key).endsWith(".output");
				outputs.add(key.substring(0, key.length() - ".output".length()));
			}
		}
		assertThat(inputs).isEqualTo(outputs).isEqualTo(this.pricing.models());
		assertThat(this.pricing.models()).containsAll(REQUIRED_MODELS);
		for (String model : this.pricing.models()) {
			Price price = this.pricing.find(model).orElseThrow();
			assertThat(price.inputPerToken()).as(model).isPositive();
			assertThat(price.outputPerToken()).as(model).isGreaterThanOrEqualTo(price.inputPerToken());
		}
	}

	private static void load(String... keysAndValues) {
		ModelPricing.builder().load(properties(keysAndValues));
	}

	private static Properties properties(String... keysAndValues) {
		Properties properties = new Properties();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
		}
		return properties;
	}

}
