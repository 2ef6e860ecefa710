package ai.northstar.genai;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON text that frameworks pass around for tool arguments and results, so that it is recorded as JSON
 * rather than as a string holding JSON. Every number keeps its exact value (integers of any size, decimals as
 * {@code BigDecimal}); its text may change form ({@code 1e400} is sent as {@code 1E+400}).
 *
 * @since 0.1.0
 */
public final class JsonContent {

	/**
	 * The longest text parsed, in characters; longer text is kept as text (content capture truncates it anyway, and
	 * parsing it would cost the application's thread more than the record is worth).
	 */
	public static final int MAX_PARSED_LENGTH = 1024 * 1024;

	/**
	 * Reads numbers with a fraction or an exponent as {@code BigDecimal}: as {@code double}s,
	 * {@code 12345678901234567.89} (an amount) would be sent rounded and {@code 1e400} lost as {@code null}.
	 */
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private JsonContent() {
	}

	/**
	 * Returns the JSON value a text holds, or the text itself when it is not one complete JSON value (or is longer
	 * than {@value #MAX_PARSED_LENGTH} characters). A JSON string ({@code "\"hi\""}) becomes its value.
	 * @param text the text, possibly {@code null}
	 * @return a {@link JsonNode}, the text unchanged, or {@code null} for {@code null}
	 */
	public static @Nullable Object parseOrKeep(@Nullable String text) {
		if (text == null) {
			return null;
		}
		if (text.length() > MAX_PARSED_LENGTH || !looksLikeJson(text)) {
			return text;
		}
		try {
			JsonNode node = MAPPER.readTree(text);
			return (node == null || node.isMissingNode()) ? text : node;
		}
		catch (JacksonException ex) {
			return text;
		}
	}

	/**
	 * Returns the JSON object a text holds, or the text itself when it holds anything else: tool arguments are an
	 * object, and a text such as {@code 42} is better kept as sent.
	 * @param text the text, possibly {@code null}
	 * @return an object {@link JsonNode}, the text unchanged, or {@code null} for {@code null}
	 */
	public static @Nullable Object parseObjectOrKeep(@Nullable String text) {
		Object parsed = parseOrKeep(text);
		return (parsed instanceof JsonNode node && !node.isObject()) ? text : parsed;
	}

	private static boolean looksLikeJson(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c)) {
				return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
						|| c == 'n';
			}
		}
		return false;
	}

}
