package ai.northstar.local;

import tools.jackson.databind.JsonNode;

/**
 * Where a local NorthStar keeps what it accepts: the in-memory {@link LocalStore}, or a database behind the same
 * protocol ({@link IngestProtocol}). An implementation applies a batch with the backend's rules (see
 * {@link LocalStore}): validated with {@link IngestValidator}, all of it or nothing, parents before children,
 * upserts by id, and prompt links only to prompt versions of its {@link #prompts() registry}.
 *
 * @since 0.1.0
 */
public interface IngestStore {

	/**
	 * Validates a batch and stores all of its records, or none.
	 * @param batch the parsed request body
	 * @return the outcome, with the HTTP status and error text the backend answers with
	 */
	IngestResult ingest(JsonNode batch);

	/**
	 * Counts a batch turned away before it reached {@link #ingest(JsonNode)} (for instance a body that is not JSON).
	 * @param kind why it was rejected
	 * @param message the error text
	 * @return the result to answer with
	 */
	IngestResult reject(IngestResult.Kind kind, String message);

	/**
	 * Returns the prompts this store resolves and lets prompt links reference.
	 * @return the prompt registry
	 */
	PromptRegistry prompts();

}
