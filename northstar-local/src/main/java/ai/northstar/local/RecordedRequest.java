package ai.northstar.local;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A request received by a {@link LocalIngestServer}, kept for assertions. Immutable.
 *
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param headers the request headers, names compared case-insensitively
 * @param body the raw request body
 * @since 0.1.0
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param method the HTTP method
	 * @param path the request path, without the query
	 * @param headers the request headers, names compared case-insensitively
	 * @param body the raw request body
	 */
	public RecordedRequest {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(copy);
		body = body.clone();
	}

	/**
	 * Returns a copy of the raw body.
	 * @return the body bytes
	 */
	@Override
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Returns the body decoded as UTF-8.
	 * @return the body text
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the first value of a header.
	 * @param name the header name, any case
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Returns the {@code Authorization} header.
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String authorization() {
		return header("Authorization");
	}

	/**
	 * Returns the {@code Content-Type} header.
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String contentType() {
		return header("Content-Type");
	}

	@Override
	public String toString() {
		return "RecordedRequest[" + this.method + " " + this.path + ", " + this.body.length + " bytes]";
	}

}
