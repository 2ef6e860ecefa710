package ai.northstar.sample;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample itself, under {@code sample}.
 *
 * @param demo whether to ask the {@link #demoQuestions() demo questions} at startup
 * @param demoQuestions the questions asked in demo mode
 * @param fetcher the settings of the page fetcher tool
 * @param evaluation the settings of the answers' evaluation
 * @since 0.1.0
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("false") boolean demo, @DefaultValue List<String> demoQuestions,
		@DefaultValue Fetcher fetcher, @DefaultValue Evaluation evaluation) {

	/**
	 * Settings of the answers' evaluation.
	 *
	 * @param enabled whether each answer backed by documents is judged for relevancy, after the run, by an LLM
	 * judge (the sample's fake model)
	 * @since 0.1.0
	 */
	public record Evaluation(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * Settings of the page fetcher tool.
	 *
	 * @param apiKey the (fake) key the fetcher is called with: it is a method argument named {@code apiKey}, so
	 * NorthStar records it as {@code [REDACTED]}
	 * @since 0.1.0
	 */
	public record Fetcher(@DefaultValue("sk-sample-not-a-real-key") String apiKey) {

	}

}
