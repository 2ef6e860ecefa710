package ai.northstar.genai;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.northstar.Northstar;
import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * Records one embedding request as a {@code CUSTOM} span named {@code embedding {model}}, with attributes
 * {@code model}, {@code provider}, {@code input_count}, {@code dimensions} when known, and the usage through
 * {@link Span#recordUsage} ({@code input_tokens}, {@code cost_usd}, {@code pricing_source}; no output tokens). The
 * embedded texts are recorded only when asked ({@link #recordInputs}), as a {@code custom} event with attribute
 * {@code northstar_type: "embedding_input"}: they are often documents, large and private. The first end wins.
 *
 * @since 0.1.0
 */
public final class EmbeddingCall extends SpanRecorder {

	/** The {@code northstar_type} of the custom event holding the embedded texts. */
	public static final String INPUT_EVENT_TYPE = "embedding_input";

	private final @Nullable String requestModel;

	private EmbeddingCall(Span span, @Nullable String requestModel) {
		super(span);
		this.requestModel = requestModel;
	}

	/**
	 * Returns the span name of an embedding request: {@code embedding {model}}, or {@code embedding}.
	 * @param requestModel the requested model, if any
	 * @return the span name
	 */
	public static String spanName(@Nullable String requestModel) {
		return (requestModel == null || requestModel.isBlank()) ? "embedding" : "embedding " + requestModel;
	}

	/**
	 * Opens the span of an embedding request under the parent context.
	 * @param client the client
	 * @param parent the context to open the span in
	 * @param requestModel the requested model, if any
	 * @param provider the provider, if known
	 * @param inputCount the number of texts to embed
	 * @return the call, empty when tracing is off or the parent context holds no trace
	 */
	public static Optional<EmbeddingCall> start(Northstar client, TraceContext parent, @Nullable String requestModel,
			@Nullable String provider, int inputCount) {
		Span span = open(client, parent, spanName(requestModel), SpanKind.CUSTOM);
		if (span == null) {
			return Optional.empty();
		}
		Map<String, Object> attributes = new java.util.LinkedHashMap<>();
		if (requestModel != null && !requestModel.isBlank()) {
			attributes.put(GenAiAttributes.MODEL, requestModel);
		}
		if (provider != null && !provider.isBlank()) {
			attributes.put(GenAiAttributes.PROVIDER, provider);
		}
		attributes.put(GenAiAttributes.INPUT_COUNT, inputCount);
		span.setAttributes(attributes);
		return Optional.of(new EmbeddingCall(span, requestModel));
	}

	/**
	 * Records the embedded texts as a custom event {@code {"inputs": [...]}}.
	 * @param inputs the texts
	 */
	public void recordInputs(List<String> inputs) {
		span().recordCustomEvent(Map.of("inputs", inputs), Map.of("northstar_type", INPUT_EVENT_TYPE));
	}

	/**
	 * Ends the call with what the provider reported.
	 * @param responseModel the model that answered, if reported
	 * @param inputTokens the input tokens, if reported
	 * @param dimensions the dimensions of the embeddings, if known
	 */
	public void succeed(@Nullable String responseModel, @Nullable Long inputTokens, @Nullable Integer dimensions) {
		if (!claimEnd()) {
			return;
		}
		finish(() -> {
			String model = (responseModel != null && !responseModel.isBlank()) ? responseModel : this.requestModel;
			if (inputTokens != null && inputTokens >= 0) {
				span().recordUsage((model != null) ? model : ModelRound.UNKNOWN_MODEL, inputTokens, 0);
			}
			if (model != null) {
				span().setAttribute(GenAiAttributes.MODEL, model);
			}
			if (dimensions != null && dimensions > 0) {
				span().setAttribute(GenAiAttributes.DIMENSIONS, dimensions);
			}
		});
	}

	/**
	 * Ends the call failed.
	 * @param error the error
	 */
	public void fail(Throwable error) {
		if (!claimEnd()) {
			return;
		}
		finish(() -> span().recordError(error));
	}

}
