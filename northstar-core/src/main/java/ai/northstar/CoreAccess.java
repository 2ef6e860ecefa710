package ai.northstar;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ai.northstar.internal.NorthstarInternals;
import ai.northstar.internal.export.ExportPipeline;
import org.jspecify.annotations.Nullable;

/**
 * The core's side of {@link NorthstarInternals}: what the SDK's own modules may reach of a client.
 */
final class CoreAccess implements NorthstarInternals.Access {

	@Override
	public ExportPipeline pipeline(Northstar client) {
		return client.pipeline();
	}

	@Override
	public Optional<Run> findRun(Northstar client, UUID runId) {
		return client.recorder().recentRuns().find(runId);
	}

	@Override
	public void linkPrompt(Span span, UUID promptVersionId, Map<String, ?> variableValues,
			@Nullable String contentHash) {
		span.linkPrompt(promptVersionId, variableValues, contentHash);
	}

	@Override
	public void markEvaluation(Span span) {
		span.state().markEvaluation();
	}

}
