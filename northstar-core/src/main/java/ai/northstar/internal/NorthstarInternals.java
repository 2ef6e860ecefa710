package ai.northstar.internal;

import java.util.Objects;
import java.util.function.Function;

import ai.northstar.Northstar;
import ai.northstar.internal.export.ExportPipeline;

/**
 * The one bridge from the SDK's own modules (metrics, the Spring Boot starter, integrations) to a client's engine,
 * as OpenTelemetry's SDK reaches its internals. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class NorthstarInternals {

	private static volatile Function<Northstar, ExportPipeline> pipelines;

	private NorthstarInternals() {
	}

	/**
	 * Registers how to reach a client's pipeline; called once by {@link Northstar} itself.
	 * @param access the accessor
	 */
	public static void register(Function<Northstar, ExportPipeline> access) {
		pipelines = Objects.requireNonNull(access, "access must not be null");
	}

	/**
	 * Returns a client's export pipeline.
	 * @param client the client
	 * @return its pipeline
	 */
	public static ExportPipeline pipeline(Northstar client) {
		Objects.requireNonNull(client, "client must not be null");
		// Northstar registers the accessor when its class initializes, which happened: there is an instance.
		return pipelines.apply(client);
	}

}
