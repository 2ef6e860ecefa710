package ai.northstar.local.viewer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A page or a download of the viewer: status, content type, extra headers and body, for whatever server serves it.
 *
 * @param status the HTTP status
 * @param contentType the content type, with its charset
 * @param headers extra headers
 * @param body the body bytes
 * @since 0.1.0
 */
public record ViewerResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

	/** The content type of the pages. */
	public static final String HTML = "text/html;charset=UTF-8";

	/**
	 * Creates an instance, copying the mutable arguments.
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param headers extra headers
	 * @param body the body bytes
	 */
	public ViewerResponse {
		headers = Map.copyOf(headers);
		body = body.clone();
	}

	static ViewerResponse html(int status, String html) {
		return new ViewerResponse(status, HTML, Map.of("Cache-Control", "no-store"),
				html.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns a copy of the body.
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

}
