package ai.northstar.autoconfigure.prompt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.RecordedRequest;
import ai.northstar.prompt.Prompt;
import ai.northstar.prompt.Prompts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NorthstarPromptsAutoConfiguration}, against the local NorthStar.
 */
class NorthstarPromptsAutoConfigurationTests {

	private static final String API_KEY = "ns_prompts";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(NorthstarAutoConfiguration.class, NorthstarPromptsAutoConfiguration.class));

	private LocalIngestServer server;

	private PromptVersion version;

	@BeforeEach
	void start() {
		this.server = LocalIngestServer.builder().apiKey(API_KEY).build();
		this.version = this.server.store().prompts().define("support-answer", 2, List.of("prod"),
				"Réponds à {{ question }} 😀", "gpt-4o", 0.5, 256, List.of("question"));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String[] credentials() {
		return new String[] { "northstar.api-key=" + API_KEY, "northstar.endpoint=" + this.server.ingestUri() };
	}

	@Test
	void shouldProvideTheClientsOwnPromptsWithTheDefaultsWhenTracingIsOn() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			Prompts prompts = context.getBean(Prompts.class);
			assertThat(prompts).isSameAs(context.getBean(Northstar.class).prompts());
			assertThat(prompts.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
			assertThat(prompts.fallbackLocation()).isEqualTo("classpath:/northstar/prompts/");
		});
	}

	@Test
	void shouldApplyThePropertiesToTheClientsPromptsWhenSet() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("northstar.prompts.cache-ttl=5m", "northstar.prompts.fallback-location=file:/srv/prompts/")
			.run((context) -> {
				Prompts prompts = context.getBean(Prompts.class);
				assertThat(prompts).isSameAs(context.getBean(Northstar.class).prompts());
				assertThat(prompts.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
				assertThat(prompts.fallbackLocation()).isEqualTo("file:/srv/prompts/");
			});
	}

	@Test
	void shouldPullThroughTheWebClientWhenWebFluxIsPresent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withPropertyValues(credentials())
			.run((context) -> {
				Prompt prompt = context.getBean(Prompts.class).get("support-answer");
				assertThat(prompt.versionId()).isEqualTo(this.version.id());
				assertThat(prompt.temperature()).isEqualTo(0.5);
				RecordedRequest request = resolveRequest();
				assertThat(request.path()).isEqualTo("/functions/v1/prompts/resolve");
				assertThat(request.authorization()).isEqualTo("Bearer " + API_KEY);
				assertThat(request.header("User-Agent")).startsWith("ReactorNetty");
			});
	}

	@Test
	void shouldPullThroughTheJdkClientWhenWebFluxIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.withPropertyValues(credentials())
			.run((context) -> {
				assertThat(context.getBean(Prompts.class).get("support-answer", 2).versionId())
					.isEqualTo(this.version.id());
				assertThat(resolveRequest().header("User-Agent")).startsWith("Java-http-client");
			});
	}

	@Test
	void shouldServeFallbackFilesOfTheConfiguredLocationAndAskNothingWhenTracingIsOff(@TempDir Path folder)
			throws Exception {
		Files.writeString(folder.resolve("support-answer.txt"), "Hors ligne : {{ question }} 🛰️",
				StandardCharsets.UTF_8);
		this.contextRunner.withPropertyValues("northstar.prompts.fallback-location=" + folder.toUri())
			.run((context) -> {
				assertThat(context.getBean(Northstar.class).isEnabled()).isFalse();
				Prompt prompt = context.getBean(Prompts.class).get("support-answer");
				assertThat(prompt.isFallback()).isTrue();
				assertThat(prompt.content()).isEqualTo("Hors ligne : {{ question }} 🛰️");
				assertThat(context.getBean(Prompts.class).fallbackLocation()).isEqualTo(folder.toUri().toString());
			});
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void shouldBackOffWhenTheApplicationDefinesPrompts() {
		this.contextRunner.withPropertyValues(credentials())
			.withBean("myPrompts", Prompts.class,
					() -> Prompts.builder(Northstar.noop()).cacheTtl(Duration.ofHours(1)).build())
			.run((context) -> assertThat(context.getBean(Prompts.class).cacheTtl()).isEqualTo(Duration.ofHours(1)));
	}

	@Test
	void shouldKeepTheSettingsOfAClientTheApplicationDefines() {
		this.contextRunner.withPropertyValues("northstar.prompts.cache-ttl=5m")
			.withBean(Northstar.class, () -> Northstar.builder()
				.apiKey(API_KEY)
				.endpoint(this.server.ingestUri())
				.promptCacheTtl(Duration.ofSeconds(7))
				.build())
			.run((context) -> {
				Prompts prompts = context.getBean(Prompts.class);
				assertThat(prompts).isSameAs(context.getBean(Northstar.class).prompts());
				assertThat(prompts.cacheTtl()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void shouldFailStartupNamingTheCacheTtlWhenItIsNotPositive() {
		for (String value : List.of("0s", "-1s")) {
			this.contextRunner.withPropertyValues("northstar.prompts.cache-ttl=" + value).run((context) -> {
				assertThat(context).hasFailed();
				InvalidConfigurationPropertyValueException failure = findCause(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("northstar.prompts.cache-ttl");
				assertThat(failure.getReason()).isEqualTo("must be positive");
			});
		}
	}

	@Test
	void shouldFailStartupNamingTheFallbackLocationWhenItIsBlank() {
		this.contextRunner.withPropertyValues("northstar.prompts.fallback-location= ").run((context) -> {
			assertThat(context).hasFailed();
			InvalidConfigurationPropertyValueException failure = findCause(context.getStartupFailure());
			assertThat(failure.getName()).isEqualTo("northstar.prompts.fallback-location");
			assertThat(failure.getReason()).isEqualTo("must not be blank");
		});
	}

	private RecordedRequest resolveRequest() {
		return this.server.requests()
			.stream()
			.filter((request) -> request.path().endsWith("/resolve"))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private static InvalidConfigurationPropertyValueException findCause(Throwable failure) {
		Throwable current = failure;
		while (!(current instanceof InvalidConfigurationPropertyValueException)) {
			current = current.getCause();
		}
		return (InvalidConfigurationPropertyValueException) current;
	}

}
