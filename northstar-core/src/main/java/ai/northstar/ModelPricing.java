package ai.northstar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Per-token model prices, used to compute the {@code cost_usd} of model spans.
 * <p>
 * {@link #defaults()} is the table bundled in {@code ai/northstar/model-prices.properties}
 * (OpenAI, Anthropic and Google Gemini API list prices, in USD per million tokens; the file
 * header gives the source and date). Lookups are case-insensitive; a dated, versioned or
 * provider-prefixed id resolves to the longest known base id:
 * <pre class="code">
 * ModelPricing pricing = ModelPricing.defaults();
 * pricing.find("gpt-4o-mini-2024-07-18");          // the gpt-4o-mini price
 * pricing.cost("openai/gpt-4o", 1_000, 200);        // Optional[0.0045000]
 * </pre>
 * Prices can be overridden or extended through the {@link #builder() builder}:
 * <pre class="code">
 * ModelPricing pricing = ModelPricing.builder()
 *     .pricePerMillion("my-fine-tune", 3.00, 12.00)
 *     .build();
 * </pre>
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelPricing {

	private static final String RESOURCE = "model-prices.properties";

	private static final String INPUT_SUFFIX = ".input";

	private static final String OUTPUT_SUFFIX = ".output";

	private final Map<String, Price> prices;

	ModelPricing(Map<String, Price> prices) {
		this.prices = Collections.unmodifiableMap(new TreeMap<>(prices));
	}

	/**
	 * Returns the bundled price table, loaded once from the
	 * {@code ai/northstar/model-prices.properties} resource.
	 * @return the bundled table
	 */
	public static ModelPricing defaults() {
		return Defaults.INSTANCE;
	}

	/**
	 * Returns a builder that starts from the bundled table; call {@link Builder#clear()} to
	 * start from an empty one.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder(defaults().prices);
	}

	/**
	 * Finds the price of a model. The id is matched exactly first (case-insensitively), then
	 * without a provider prefix ({@code openai/}, {@code models/}, anything up to the last
	 * {@code /}), then as a dated or versioned variant of the longest known id it starts with
	 * (followed by {@code -}, {@code @} or {@code :}), so {@code gpt-4o-mini-2024-07-18}
	 * resolves to {@code gpt-4o-mini} rather than {@code gpt-4o}.
	 * @param model the model id as reported by the provider
	 * @return the price, or empty when the model is unknown
	 */
	public Optional<Price> find(String model) {
		String id = model.trim().toLowerCase(Locale.ROOT);
		Price price = this.prices.get(id);
		if (price != null) {
			return Optional.of(price);
		}
		id = id.substring(id.lastIndexOf('/') + 1);
		price = this.prices.get(id);
		if (price != null) {
			return Optional.of(price);
		}
		@Nullable String best = null;
		for (String known : this.prices.keySet()) {
			if (isVariantOf(id, known) && (best == null || known.length() > best.length())) {
				best = known;
			}
		}
		return (best != null) ? Optional.of(this.prices.get(best)) : Optional.empty();
	}

	private static boolean isVariantOf(String id, String known) {
		if (id.length() <= known.length() || !id.startsWith(known)) {
			return false;
		}
		char next = id.charAt(known.length());
		return next == '-' || next == '@' || next == ':';
	}

	/**
	 * Computes the cost of a model call: {@code inputTokens * inputPerToken +
	 * outputTokens * outputPerToken}, exactly.
	 * @param model the model id, resolved as by {@link #find(String)}
	 * @param inputTokens the number of input (prompt) tokens, {@code >= 0}
	 * @param outputTokens the number of output (completion) tokens, {@code >= 0}
	 * @return the cost in USD, or empty when the model is unknown
	 * @throws IllegalArgumentException if a token count is negative
	 */
	public Optional<BigDecimal> cost(String model, long inputTokens, long outputTokens) {
		if (inputTokens < 0) {
			throw new IllegalArgumentException("inputTokens must be >= 0, was " + inputTokens);
		}
		if (outputTokens < 0) {
			throw new IllegalArgumentException("outputTokens must be >= 0, was " + outputTokens);
		}
		return find(model).map((price) -> price.inputPerToken()
			.multiply(BigDecimal.valueOf(inputTokens))
			.add(price.outputPerToken().multiply(BigDecimal.valueOf(outputTokens))));
	}

	/**
	 * Returns the ids of the priced models, lower-cased and sorted.
	 * @return an unmodifiable set of model ids
	 */
	public Set<String> models() {
		return this.prices.keySet();
	}

	@Override
	public String toString() {
		return "ModelPricing" + this.prices.keySet();
	}

	private static String normalize(@Nullable String model) {
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("model must not be blank");
		}
		return model.trim().toLowerCase(Locale.ROOT);
	}

	private static BigDecimal perToken(BigDecimal perMillion) {
		return perMillion.movePointLeft(6);
	}

	/**
	 * The price of one model, in USD per token. Values are kept without trailing zeros, so
	 * equal prices are {@link #equals(Object) equal} whatever scale they were given in.
	 *
	 * @param inputPerToken USD per input token, {@code >= 0}
	 * @param outputPerToken USD per output token, {@code >= 0}
	 * @since 0.1.0
	 */
	public record Price(BigDecimal inputPerToken, BigDecimal outputPerToken) {

		/**
		 * Creates a price, validating both values and stripping their trailing zeros.
		 * @param inputPerToken USD per input token, {@code >= 0}
		 * @param outputPerToken USD per output token, {@code >= 0}
		 * @throws IllegalArgumentException if a value is negative
		 */
		public Price {
			Objects.requireNonNull(inputPerToken, "inputPerToken must not be null");
			Objects.requireNonNull(outputPerToken, "outputPerToken must not be null");
			if (inputPerToken.signum() < 0) {
				throw new IllegalArgumentException("inputPerToken must be >= 0, was " + inputPerToken);
			}
			if (outputPerToken.signum() < 0) {
				throw new IllegalArgumentException("outputPerToken must be >= 0, was " + outputPerToken);
			}
			inputPerToken = inputPerToken.stripTrailingZeros();
			outputPerToken = outputPerToken.stripTrailingZeros();
		}

	}

	/**
	 * Builds a {@link ModelPricing}. Model ids are stored lower-cased; a later entry for the
	 * same id replaces an earlier one.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Map<String, Price> prices;

		Builder(Map<String, Price> prices) {
			this.prices = new LinkedHashMap<>(prices);
		}

		/**
		 * Adds or replaces the price of a model.
		 * @param model the model id (a base id such as {@code gpt-4o} also prices its dated
		 * variants)
		 * @param inputPerToken USD per input token, {@code >= 0}
		 * @param outputPerToken USD per output token, {@code >= 0}
		 * @return this builder
		 * @throws IllegalArgumentException if the model is blank or a price negative
		 */
		public Builder price(String model, BigDecimal inputPerToken, BigDecimal outputPerToken) {
			this.prices.put(normalize(model), new Price(inputPerToken, outputPerToken));
			return this;
		}

		/**
		 * Adds or replaces the price of a model given in USD per million tokens, the unit of
		 * providers' pricing pages.
		 * @param model the model id
		 * @param inputPerMillionUsd USD per million input tokens, {@code >= 0}
		 * @param outputPerMillionUsd USD per million output tokens, {@code >= 0}
		 * @return this builder
		 * @throws IllegalArgumentException if the model is blank or a price negative or not
		 * finite
		 */
		public Builder pricePerMillion(String model, double inputPerMillionUsd, double outputPerMillionUsd) {
			String id = normalize(model);
			this.prices.put(id, new Price(perToken(perMillion("inputPerMillionUsd", inputPerMillionUsd)),
					perToken(perMillion("outputPerMillionUsd", outputPerMillionUsd))));
			return this;
		}

		private static BigDecimal perMillion(String name, double value) {
			if (!Double.isFinite(value) || value < 0) {
				throw new IllegalArgumentException(name + " must be >= 0, was " + value);
			}
			return BigDecimal.valueOf(value);
		}

		/**
		 * Adds or replaces prices from properties in the format of the bundled resource:
		 * {@code <model>.input} and {@code <model>.output} in USD per million tokens. Nothing
		 * is added unless every entry is valid.
		 * @param properties the prices to load
		 * @return this builder
		 * @throws IllegalArgumentException naming the key of an entry that is not
		 * {@code <model>.input} or {@code <model>.output}, not a number, negative, or whose
		 * other half is missing
		 */
		public Builder load(Properties properties) {
			Map<String, BigDecimal> inputs = new TreeMap<>();
			Map<String, BigDecimal> outputs = new TreeMap<>();
			for (String key : properties.stringPropertyNames()) {
				String model;
				Map<String, BigDecimal> target;
				if (key.endsWith(INPUT_SUFFIX)) {
					model = key.substring(0, key.length() - INPUT_SUFFIX.length());
					target = inputs;
				}
				else if (key.endsWith(OUTPUT_SUFFIX)) {
					model = key.substring(0, key.length() - OUTPUT_SUFFIX.length());
					target = outputs;
				}
				else {
					throw new IllegalArgumentException(
							"Invalid model price key '" + key + "': expected <model>.input or <model>.output");
				}
				if (model.isBlank()) {
					throw new IllegalArgumentException("Invalid model price key '" + key + "': model id is empty");
				}
				target.put(model.trim().toLowerCase(Locale.ROOT), parse(key, properties.getProperty(key)));
			}
			Map<String, Price> loaded = new LinkedHashMap<>();
			for (Map.Entry<String, BigDecimal> input : inputs.entrySet()) {
				BigDecimal output = outputs.get(input.getKey());
				if (output == null) {
					throw new IllegalArgumentException(
							"Missing model price '" + input.getKey() + OUTPUT_SUFFIX + "' for '" + input.getKey() + "'");
				}
				loaded.put(input.getKey(), new Price(perToken(input.getValue()), perToken(output)));
			}
			for (String model : outputs.keySet()) {
				if (!inputs.containsKey(model)) {
					throw new IllegalArgumentException(
							"Missing model price '" + model + INPUT_SUFFIX + "' for '" + model + "'");
				}
			}
			this.prices.putAll(loaded);
			return this;
		}

		private static BigDecimal parse(String key, String value) {
			BigDecimal perMillion;
			try {
				perMillion = new BigDecimal(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"Invalid model price '" + key + "': '" + value + "' is not a number", ex);
			}
			if (perMillion.signum() < 0) {
				throw new IllegalArgumentException(
						"Invalid model price '" + key + "': must be >= 0, was " + value.trim());
			}
			return perMillion;
		}

		/**
		 * Removes all prices, including the bundled ones.
		 * @return this builder
		 */
		public Builder clear() {
			this.prices.clear();
			return this;
		}

		/**
		 * Builds the immutable price table.
		 * @return the price table
		 */
		public ModelPricing build() {
			return new ModelPricing(this.prices);
		}

	}

	/**
	 * Holder of the bundled table, loaded on first use.
	 */
	private static final class Defaults {

		static final ModelPricing INSTANCE = load();

		private static ModelPricing load() {
			Properties properties = new Properties();
			try (InputStream in = ModelPricing.class.getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException("Missing resource ai/northstar/" + RESOURCE);
				}
				properties.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Failed to read ai/northstar/" + RESOURCE, ex);
			}
			return new Builder(Map.of()).load(properties).build();
		}

	}

}
