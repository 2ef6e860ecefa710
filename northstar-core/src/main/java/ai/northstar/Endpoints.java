package ai.northstar;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a client sends: the ingest URL derived from a project id, or an explicit one checked and normalized.
 */
final class Endpoints {

	private static final Pattern PROJECT_ID = Pattern.compile("^[a-z0-9]+$");

	private Endpoints() {
	}

	/** See {@link Northstar#ingestUri(String)}. */
	static URI ingestUri(String projectId) {
		if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
			throw new IllegalArgumentException(
					"projectId must be lower-case letters and digits ([a-z0-9]+), was '" + projectId + "'");
		}
		return URI.create("https://" + projectId + ".supabase.co/functions/v1/ingest-traces");
	}

	/** See {@link Northstar#endpointUri(String)}. */
	static URI endpointUri(String endpoint) {
		Objects.requireNonNull(endpoint, "endpoint must not be null");
		String trimmed = endpoint.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		URI uri;
		try {
			uri = URI.create(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("endpoint must be an absolute http(s) URL, was '" + endpoint + "'", ex);
		}
		if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
				|| uri.getHost() == null) {
			throw new IllegalArgumentException("endpoint must be an absolute http(s) URL, was '" + endpoint + "'");
		}
		// No port is -1, the scheme's own; the URI parser takes any digits.
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			throw new IllegalArgumentException("endpoint must have a port from 1 to 65535, was '" + endpoint + "'");
		}
		return uri;
	}

}
