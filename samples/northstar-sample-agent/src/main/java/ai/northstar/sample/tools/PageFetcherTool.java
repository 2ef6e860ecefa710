package ai.northstar.sample.tools;

import java.net.URI;

import ai.northstar.SpanKind;
import ai.northstar.annotation.NorthstarSpan;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Fetches a page, reactively. There is no network here: pages come from the {@link Corpus}, and a site that wants a
 * subscription ({@value #PAYWALLED_HOST}) always answers {@code 402}. The model calls it as the {@code fetch_page}
 * tool of {@link ResearchTools}; each fetch is also an {@code @NorthstarSpan}, a {@code CUSTOM} span named
 * {@code http_get} nested in the tool's span, that ends when the {@link Mono} completes or fails, and whose
 * {@code apiKey} argument is recorded as {@code [REDACTED]}.
 *
 * @since 0.1.0
 */
@Component
public class PageFetcherTool {

	/** The host whose pages always fail with {@code 402 Payment Required}. */
	public static final String PAYWALLED_HOST = "paywalled.example";

	private final Corpus corpus;

	/**
	 * Creates the tool.
	 * @param corpus the pages it can fetch
	 */
	public PageFetcherTool(Corpus corpus) {
		this.corpus = corpus;
	}

	/**
	 * Fetches a page on a worker thread.
	 * @param url the address
	 * @param apiKey the key of the fetching service (a secret)
	 * @return the page, or a {@link PageFetchException} for a paywalled or unknown page, or an
	 * {@link IllegalArgumentException} without a key
	 */
	@NorthstarSpan(name = "http_get", kind = SpanKind.CUSTOM)
	public Mono<Page> fetch(String url, String apiKey) {
		return Mono.fromCallable(() -> load(url, apiKey)).subscribeOn(Schedulers.boundedElastic());
	}

	private Page load(String url, String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException("apiKey must not be blank");
		}
		if (PAYWALLED_HOST.equals(URI.create(url).getHost())) {
			throw new PageFetchException(url, 402, "Payment Required");
		}
		return this.corpus.find(url)
			.map((document) -> new Page(document.url(), document.title(), document.text()))
			.orElseThrow(() -> new PageFetchException(url, 404, "Not Found"));
	}

}
