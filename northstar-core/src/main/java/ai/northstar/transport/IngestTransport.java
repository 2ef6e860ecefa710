package ai.northstar.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one serialized batch to the NorthStar ingest endpoint, in one HTTP attempt.
 * <p>
 * Implementations know the endpoint and the API key, send {@code POST} with {@code Content-Type: application/json}
 * and {@code Authorization: Bearer <key>}, and never block the calling thread. Retries, backoff and the meaning of
 * statuses belong to the caller, so every transport behaves alike. Core ships {@link JdkHttpIngestTransport}; the
 * Spring Boot starter adds one built on {@code WebClient}.
 *
 * @since 0.1.0
 */
public interface IngestTransport extends AutoCloseable {

	/**
	 * Sends one batch.
	 * @param jsonBody the UTF-8 JSON body, sent as is (not compressed)
	 * @return the response, whatever its status; completes exceptionally only when no response was received
	 * (connection refused or reset, timeout)
	 */
	CompletableFuture<IngestResponse> send(byte[] jsonBody);

	/**
	 * Releases the transport's resources. The default does nothing.
	 */
	@Override
	default void close() {
	}

}
