package ai.northstar.autoconfigure;

import java.net.URI;

/**
 * Where the starter sends traces and with which key, resolved once, as Spring Boot resolves the connection of its
 * own clients. By default it comes from the {@code northstar.*} properties (the endpoint, or the URL derived from the
 * project id, and the API key); define a bean of this type to take them from elsewhere, such as a secret store or a
 * local NorthStar started for development. While such a bean exists, tracing is on without the properties.
 *
 * @since 0.1.0
 */
public interface NorthstarConnectionDetails {

	/**
	 * Returns the ingest URL.
	 * @return the absolute {@code http(s)} URL of the ingest endpoint
	 */
	URI ingestUri();

	/**
	 * Returns the API key, sent as {@code Authorization: Bearer <key>}.
	 * @return the key ({@code ns_...}), not blank
	 */
	String apiKey();

}
