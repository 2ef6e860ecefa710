package ai.northstar.prompt;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import ai.northstar.Span;
import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.SdkLoggers;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Prompt} with its placeholders filled: the {@link #text()} to send to the model, and the values it was
 * compiled with. Binding it to the model span that sent it lets the dashboard show which prompt version produced
 * which answer.
 *
 * <pre>{@code
 * CompiledPrompt compiled = prompts.get("support-answer").compile(Map.of("question", question));
 * try (ModelCall call = northstar.modelCall("chat gpt-4o", "gpt-4o")) {
 *     compiled.bind();                       // the current MODEL span: call's
 *     String answer = model.complete(compiled.text());
 *     ...
 * }
 * }</pre>
 *
 * Binding queues a {@code prompt_links} record {@code {trace_id, span_id, prompt_version_id, variable_values}} (the
 * values captured and redacted like content) behind the span, and sets the span attribute
 * {@code prompt.compile.requested = {prompt_version_id, content_hash}}. A {@linkplain Prompt#isFallback() fallback}
 * prompt has no version to link: binding it sets only {@code prompt.fallback = true}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CompiledPrompt {

	/** The span attribute set on a span bound to a fallback prompt. */
	public static final String FALLBACK_ATTRIBUTE = "prompt.fallback";

	private static final System.Logger logger = SdkLoggers.get(CompiledPrompt.class.getName());

	private final Prompt prompt;

	private final String text;

	private final Map<String, @Nullable Object> variables;

	CompiledPrompt(Prompt prompt, String text, Map<String, @Nullable Object> variables) {
		this.prompt = prompt;
		this.text = text;
		this.variables = Collections.unmodifiableMap(variables);
	}

	/**
	 * Returns the prompt version this was compiled from.
	 * @return the prompt
	 */
	public Prompt prompt() {
		return this.prompt;
	}

	/**
	 * Returns the text: the template with every placeholder replaced.
	 * @return the text
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Returns the values the prompt was compiled with, those no placeholder uses included.
	 * @return the values by name, unmodifiable
	 */
	public Map<String, @Nullable Object> variables() {
		return this.variables;
	}

	/**
	 * Links this prompt to the current span of this thread when it is a {@code MODEL} span; anywhere else it does
	 * nothing (and says so in a debug log line). Never throws.
	 * @return whether a span was bound
	 */
	public boolean bind() {
		Span span = TraceContext.current().span().orElse(null);
		if (span == null || span.kind() != SpanKind.MODEL) {
			logger.log(Level.DEBUG, "NorthStar did not bind prompt {0}: the current span is {1}, not a MODEL span",
					this.prompt, (span != null) ? span : "none");
			return false;
		}
		return link(span);
	}

	/**
	 * Links this prompt to a model span.
	 * @param span the {@code MODEL} span that sent the text
	 * @return whether the span was bound; {@code false} only when recording failed (logged)
	 * @throws IllegalArgumentException when the span is not a {@code MODEL} span
	 */
	public boolean bind(Span span) {
		Objects.requireNonNull(span, "span must not be null");
		if (span.kind() != SpanKind.MODEL) {
			throw new IllegalArgumentException("A prompt is bound to a MODEL span, was " + span);
		}
		return link(span);
	}

	private boolean link(Span span) {
		try {
			UUID versionId = this.prompt.versionId();
			if (this.prompt.isFallback() || versionId == null) {
				span.setAttribute(FALLBACK_ATTRIBUTE, true);
			}
			else {
				NorthstarInternals.linkPrompt(span, versionId, this.variables, this.prompt.contentHash());
			}
			return true;
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "NorthStar could not bind prompt " + this.prompt + " to " + span, ex);
			return false;
		}
	}

	@Override
	public String toString() {
		return "CompiledPrompt[" + this.prompt + "]";
	}

}
