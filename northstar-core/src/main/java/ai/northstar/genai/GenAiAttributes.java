package ai.northstar.genai;

/**
 * The names of the span attributes the recorders of this package write. They are a contract: the NorthStar dashboard
 * and users' queries read them, and every integration must write the same ones.
 *
 * @since 0.1.0
 */
public final class GenAiAttributes {

	/** The model that answered (the response's model when reported, else the request's). */
	public static final String MODEL = "model";

	/** The provider of the model, such as {@code openai}. */
	public static final String PROVIDER = "provider";

	/** The input (prompt) tokens of a model round, written with the cost by {@code Span.recordUsage}. */
	public static final String INPUT_TOKENS = "input_tokens";

	/** The output (completion) tokens of a model round. */
	public static final String OUTPUT_TOKENS = "output_tokens";

	/** The input plus output tokens of a model round. */
	public static final String TOTAL_TOKENS = "total_tokens";

	/** The cost of a model round in US dollars. */
	public static final String COST_USD = "cost_usd";

	/** Where the cost came from: {@code pricing_table} or {@code unknown}. */
	public static final String PRICING_SOURCE = "pricing_source";

	/** The input tokens a provider reported as read from its prompt cache. */
	public static final String CACHE_READ_TOKENS = "cache_read_tokens";

	/** Why the model stopped, as the provider reports it (such as {@code STOP}, {@code TOOL_CALLS}). */
	public static final String FINISH_REASON = "finish_reason";

	/** The requested sampling temperature, when set. */
	public static final String TEMPERATURE = "temperature";

	/** The requested most output tokens, when set. */
	public static final String MAX_TOKENS = "max_tokens";

	/** The requested nucleus sampling probability, when set. */
	public static final String TOP_P = "top_p";

	/** {@code true} on a streamed model round. */
	public static final String STREAMING = "streaming";

	/** Milliseconds from the start of a streamed round to its first content. */
	public static final String TIME_TO_FIRST_TOKEN_MS = "time_to_first_token_ms";

	/** {@code true} on a record whose call was cancelled; its status is {@code error}. */
	public static final String CANCELLED = "cancelled";

	/** Milliseconds from the start of a record to its end. */
	public static final String LATENCY_MS = "latency_ms";

	/** The id of the tool call a tool span executed, as the model gave it. */
	public static final String TOOL_CALL_ID = "tool_call_id";

	/** The number of texts an embedding request embedded. */
	public static final String INPUT_COUNT = "input_count";

	/** The number of dimensions of the embeddings returned, when known. */
	public static final String DIMENSIONS = "dimensions";

	private GenAiAttributes() {
	}

}
