package ai.northstar.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.Run;
import ai.northstar.Span;
import ai.northstar.internal.export.ExportPipeline;
import org.jspecify.annotations.Nullable;

/**
 * The one bridge from the SDK's own modules (metrics, the Spring Boot starter, integrations, prompts) to what the
 * client keeps to itself, as OpenTelemetry's SDK reaches its internals. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class NorthstarInternals {

	/**
	 * What the core gives the bridge; implemented once, in the {@code ai.northstar} package.
	 */
	public interface Access {

		/**
		 * Returns a client's export pipeline.
		 * @param client the client
		 * @return the pipeline
		 */
		ExportPipeline pipeline(Northstar client);

		/**
		 * Returns a run of the client still held in this process, if it is.
		 * @param client the client
		 * @param runId the run id
		 * @return the run, if it was started lately and the application still holds it
		 */
		Optional<Run> findRun(Northstar client, UUID runId);

		/**
		 * Links a span to the prompt version it used: queues a {@code prompt_links} record behind the span and sets
		 * the span attribute {@code prompt.compile.requested}.
		 * @param span the span
		 * @param promptVersionId the prompt version's id
		 * @param variableValues the values the prompt was compiled with, captured (and redacted) like content
		 * @param contentHash the prompt version's content hash, if known
		 */
		void linkPrompt(Span span, UUID promptVersionId, Map<String, ?> variableValues, @Nullable String contentHash);

		/**
		 * Marks a span as an evaluation: the usage of the model spans under it goes to its run's
		 * {@code evaluation_cost_usd}, not to its {@code cost_usd}.
		 * @param span the span
		 */
		void markEvaluation(Span span);

	}

	private static volatile @Nullable Access access;

	private NorthstarInternals() {
	}

	/**
	 * Registers the core's access; called once by {@link Northstar} itself.
	 * @param core the access
	 */
	public static void register(Access core) {
		access = Objects.requireNonNull(core, "access must not be null");
	}

	private static Access access() {
		Access core = access;
		if (core == null) {
			// Northstar registers when its class initializes; make sure it did.
			try {
				Class.forName(Northstar.class.getName(), true, Northstar.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
			core = Objects.requireNonNull(access, "Northstar did not register its internals");
		}
		return core;
	}

	/**
	 * Returns a client's export pipeline.
	 * @param client the client
	 * @return its pipeline
	 */
	public static ExportPipeline pipeline(Northstar client) {
		return access().pipeline(Objects.requireNonNull(client, "client must not be null"));
	}

	/**
	 * Returns a run of the client still held in this process; see {@link Access#findRun}.
	 * @param client the client
	 * @param runId the run id
	 * @return the run, if found
	 */
	public static Optional<Run> findRun(Northstar client, UUID runId) {
		return access().findRun(client, runId);
	}

	/**
	 * Links a span to a prompt version; see {@link Access#linkPrompt}.
	 * @param span the span
	 * @param promptVersionId the prompt version's id
	 * @param variableValues the variable values
	 * @param contentHash the content hash, if known
	 */
	public static void linkPrompt(Span span, UUID promptVersionId, Map<String, ?> variableValues,
			@Nullable String contentHash) {
		access().linkPrompt(span, promptVersionId, variableValues, contentHash);
	}

	/**
	 * Marks a span as an evaluation; see {@link Access#markEvaluation}.
	 * @param span the span
	 */
	public static void markEvaluation(Span span) {
		access().markEvaluation(span);
	}

}
