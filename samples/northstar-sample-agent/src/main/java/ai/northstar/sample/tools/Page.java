package ai.northstar.sample.tools;

/**
 * A page returned by {@link PageFetcherTool}.
 *
 * @param url the address
 * @param title the title
 * @param text the text
 * @since 0.1.0
 */
public record Page(String url, String title, String text) {

}
