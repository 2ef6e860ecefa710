package ai.northstar.sample.tools;

/**
 * Thrown when {@link PageFetcherTool} cannot fetch a page.
 *
 * @since 0.1.0
 */
public class PageFetchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	/**
	 * Creates an exception.
	 * @param url the address that failed
	 * @param status the HTTP status the (simulated) site answered with
	 * @param reason the reason phrase
	 */
	public PageFetchException(String url, int status, String reason) {
		super("GET " + url + " answered " + status + " " + reason);
		this.status = status;
	}

	/**
	 * Returns the HTTP status the site answered with.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

}
