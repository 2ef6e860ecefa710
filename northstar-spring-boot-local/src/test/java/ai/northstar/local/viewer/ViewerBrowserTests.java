package ai.northstar.local.viewer;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ai.northstar.Run;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.app.TracedApplication;
import ai.northstar.local.jdbc.JdbcStore;
import ai.northstar.local.jdbc.RunQuery;
import ai.northstar.local.spring.LocalNorthstar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ViewerPages} in a real headless browser: Debian's {@code chromium} driven through its
 * {@code chromedriver} by Selenium (never downloading anything), against {@link TracedApplication} booted on Spring
 * MVC. Install them with {@code apt-get install -y chromium chromium-driver}; {@code .ci/run} does when missing.
 * Screenshots go to {@code target/screenshots/}; the README's {@code docs/images/local-*.png} are copies.
 */
class ViewerBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static ChromeDriverService service;

	private static WebDriver browser;

	private static ConfigurableApplicationContext application;

	private static String base;

	private static UUID promptedRun;

	@BeforeAll
	static void start(@TempDir Path directory) throws IOException {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				throw new IllegalStateException("The viewer's browser test needs " + binary
						+ ": install Debian's Chromium with 'apt-get install -y chromium chromium-driver'");
			}
		}
		SpringApplication app = new SpringApplication(TracedApplication.class);
		app.setWebApplicationType(WebApplicationType.SERVLET);
		application = app.run("--server.port=0", "--northstar.local.directory=" + directory.resolve("data"),
				"--northstar.flush-interval=100ms", "--spring.main.banner-mode=off",
				"--northstar.local.prompts=" + Path.of("src/test/resources/prompts").toAbsolutePath());
		base = "http://localhost:" + application.getEnvironment().getProperty("local.server.port") + "/northstar";
		TracedApplication.Agent agent = application.getBean(TracedApplication.Agent.class);
		for (String question : List.of("Quelle heure est-il à Paris ?", "東京の天気は？ ☔", "fail: Где мой заказ? 📦",
				"How do I score a run?")) {
			try {
				agent.ask(question);
			}
			catch (IllegalStateException ex) {
				// the failing question ends its run with status error
			}
		}
		JdbcStore store = application.getBean(LocalNorthstar.class).store();
		promptedRun = seedPromptedRun(store);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> store.queries()
				.runs(RunQuery.DEFAULT)
				.runs()
				.stream()
				.filter((run) -> !"running".equals(run.status()))
				.count() >= 5);

		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1400,1100",
				"--user-data-dir=" + Files.createDirectories(directory.resolve("chromium")));
		browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
		if (application != null) {
			application.close();
		}
	}

	@Test
	void shouldFilterTheRunsListByStatusAndText() throws IOException {
		browser.get(base);
		wait(By.cssSelector(".run-row"));
		assertThat(browser.getTitle()).startsWith("Runs");
		assertThat(browser.findElements(By.cssSelector("#runs .run-row"))).hasSize(5);
		screenshot("local-runs.png");
		new Select(browser.findElement(By.name("status"))).selectByVisibleText("error");
		browser.findElement(By.id("apply")).click();
		wait(By.cssSelector("#runs"));
		List<WebElement> errors = browser.findElements(By.cssSelector("#runs .run-row"));
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).getDomAttribute("data-status")).isEqualTo("error");
		assertThat(errors.get(0).findElement(By.cssSelector(".input")).getText()).isEqualTo("fail: Где мой заказ? 📦");

		browser.get(base);
		WebElement text = wait(By.name("q"));
		text.sendKeys("天気");
		browser.findElement(By.id("apply")).click();
		wait(By.cssSelector("#runs"));
		assertThat(browser.findElements(By.cssSelector("#runs .run-row .input"))).extracting(WebElement::getText)
			.containsExactly("東京の天気は？ ☔");
		assertThat(browser.findElement(By.id("run-count")).getText()).isEqualTo("1 run");
		browser.findElement(By.cssSelector("th a[data-sort='duration']")).click();
		wait(By.cssSelector("#runs"));
		assertThat(browser.getCurrentUrl()).contains("sort=duration").contains("q=");
	}

	@Test
	void shouldShowTheWaterfallTranscriptAndPromptLinkOfARun() throws IOException {
		browser.get(base + "/runs/" + promptedRun);
		WebElement waterfall = wait(By.id("waterfall"));
		List<WebElement> rows = waterfall.findElements(By.cssSelector(".span-row"));
		assertThat(rows).extracting((row) -> row.getDomAttribute("data-kind")).containsExactly("agent", "model", "tool");
		assertThat(rows).extracting((row) -> row.getDomAttribute("data-depth")).containsExactly("0", "1", "1");
		WebElement toolBar = rows.get(2).findElement(By.cssSelector(".bar"));
		assertThat(toolBar.getDomAttribute("style")).contains("left:60.000%").contains("width:30.000%");
		WebElement model = rows.get(1);
		WebElement detail = browser.findElement(By.id("detail-" + model.getDomAttribute("data-span-id")));
		assertThat(detail.isDisplayed()).isFalse();
		model.click();
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(detail));
		assertThat(detail.findElements(By.cssSelector(".transcript .message")))
			.extracting((message) -> message.getDomAttribute("data-role"))
			.containsExactly("system", "user", "assistant", "tool-call");
		assertThat(detail.findElement(By.cssSelector(".message.role-user .message-content")).getText())
			.isEqualTo("Réponds à Zürich poliment 🙂");
		assertThat(detail.findElement(By.cssSelector(".usage-cost_usd")).getText()).contains("$0.0021");
		rows.get(2).click();
		WebElement tool = browser.findElement(By.id("detail-" + rows.get(2).getDomAttribute("data-span-id")));
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(tool));
		assertThat(tool.findElement(By.cssSelector(".span-error")).getText()).contains("TimeoutException")
			.contains("zu langsam");
		WebElement prompt = browser.findElement(By.cssSelector(".prompt-link"));
		assertThat(prompt.getText()).contains("Support answer").contains("v2").contains("prod");
		assertThat(prompt.findElement(By.cssSelector(".prompt-variables")).getText()).contains("Zürich");
		screenshot("local-run.png");
		String versionId = prompt.getDomAttribute("data-prompt-version-id");
		prompt.findElement(By.cssSelector("a")).click();
		WebElement version = wait(By.id("prompt-" + versionId));
		assertThat(version.getText()).contains("Réponds à {{ question }} poliment 🙂");
		screenshot("local-prompts.png");
	}

	@Test
	void shouldDownloadARunAsABatchThatReplays() throws Exception {
		browser.get(base + "/runs/" + promptedRun);
		WebElement download = wait(By.id("download"));
		assertThat(download.getDomAttribute("download")).isEqualTo("run-" + promptedRun + ".json");
		HttpResponse<String> batch = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(download.getDomProperty("href"))).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(batch.statusCode()).isEqualTo(200);
		Run replayed = Run.fromJson(batch.body(), promptedRun);
		assertThat(replayed.name()).isEqualTo("prompted-answer");
		assertThat(MAPPER.readTree(batch.body()).get("prompt_links")).hasSize(1);
	}

	@Test
	void shouldChartRunsLatencyAndCostOnTheOverview() throws IOException {
		browser.get(base + "/overview");
		wait(By.id("chart-runs"));
		assertThat(browser.findElement(By.cssSelector("#total-runs b")).getText()).isEqualTo("5");
		assertThat(browser.findElement(By.cssSelector("#total-errors b")).getText()).isEqualTo("1");
		assertThat(browser.findElements(By.cssSelector("#chart-runs .runs-bar"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#cost-by-model .model-row"))).extracting(
				(row) -> row.getDomAttribute("data-model")).contains("gpt-4o", "gpt-4o-mini");
		screenshot("local-overview.png");
	}

	/** A run with an agent span, a model span using a prompt version, and a failing tool span. */
	private static UUID seedPromptedRun(JdbcStore store) {
		PromptVersion prompt = store.prompts().resolve("support-answer", "prod", null).orElseThrow();
		UUID session = UUID.randomUUID();
		UUID run = UUID.randomUUID();
		UUID agent = UUID.randomUUID();
		UUID model = UUID.randomUUID();
		UUID tool = UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(30);
		ObjectNode batch = MAPPER.createObjectNode().put("schema_version", 2);
		batch.putArray("sessions").addObject().put("id", session.toString()).put("created_at", start.toString());
		ObjectNode runRecord = batch.putArray("runs").addObject().put("id", run.toString())
			.put("session_id", session.toString()).put("name", "prompted-answer").put("started_at", start.toString())
			.put("ended_at", start.plusSeconds(10).toString()).put("status", "ok");
		runRecord.putObject("metadata").put("cost_usd", 0.0021).put("total_input_tokens", 300).put("total_output_tokens", 40);
		var spans = batch.putArray("spans");
		spans.addObject().put("id", agent.toString()).put("run_id", run.toString()).put("kind", "agent")
			.put("name", "plan").put("started_at", start.toString()).put("ended_at", start.plusSeconds(10).toString())
			.put("status", "ok").put("iteration", 1).putObject("attributes");
		ObjectNode modelSpan = spans.addObject().put("id", model.toString()).put("run_id", run.toString())
			.put("parent_span_id", agent.toString()).put("kind", "model").put("name", "chat")
			.put("started_at", start.plusSeconds(1).toString()).put("ended_at", start.plusSeconds(5).toString())
			.put("status", "ok");
		modelSpan.putObject("attributes").put("model", "gpt-4o-mini").put("input_tokens", 300).put("output_tokens", 40)
			.put("total_tokens", 340).put("cost_usd", 0.0021).put("pricing_source", "table");
		ObjectNode toolSpan = spans.addObject().put("id", tool.toString()).put("run_id", run.toString())
			.put("parent_span_id", agent.toString()).put("kind", "tool").put("name", "weather")
			.put("started_at", start.plusSeconds(6).toString()).put("ended_at", start.plusSeconds(9).toString())
			.put("status", "error");
		toolSpan.putObject("error")
			.put("type", "TimeoutException")
			.put("message", "Dienst zu langsam ⏳")
			.put("module", "java.util.concurrent");
		toolSpan.putObject("attributes");
		var events = batch.putArray("events");
		event(events, run, model, "system_message", "Tu es un assistant météo.", start.plusMillis(1100));
		event(events, run, model, "user_input", "Réponds à Zürich poliment 🙂", start.plusMillis(1200));
		event(events, run, model, "assistant_message", "Je regarde la météo de Zürich.", start.plusMillis(4000));
		ObjectNode call = event(events, run, model, "tool_arguments", MAPPER.createObjectNode().put("city", "Zürich"),
				start.plusMillis(4100));
		((ObjectNode) call.get("attributes")).put("name", "weather").put("tool_call_id", "call_1");
		event(events, run, tool, "tool_arguments", MAPPER.createObjectNode().put("city", "Zürich"), start.plusMillis(6100));
		event(events, run, null, "user_input", MAPPER.createObjectNode().put("question", "Wetter in Zürich? 🌧"), start);
		ObjectNode link = batch.putArray("prompt_links").addObject().put("trace_id", run.toString())
			.put("span_id", model.toString()).put("prompt_version_id", prompt.id().toString());
		link.putObject("variable_values").put("question", "Zürich");
		batch.putArray("scores").addObject().put("id", UUID.randomUUID().toString()).put("trace_id", run.toString())
			.put("name", "helpful").put("value", 1).put("data_type", "boolean").put("source", "api")
			.put("created_at", start.plusSeconds(10).toString());
		assertThat(store.ingest(batch).isAccepted()).as(() -> store.rejectionMessages().toString()).isTrue();
		return run;
	}

	private static ObjectNode event(tools.jackson.databind.node.ArrayNode events, UUID run, UUID span, String type,
			Object content, Instant at) {
		ObjectNode event = events.addObject().put("id", UUID.randomUUID().toString()).put("run_id", run.toString());
		if (span != null) {
			event.put("span_id", span.toString());
		}
		event.put("type", type).put("created_at", at.toString());
		event.set("content", MAPPER.valueToTree(content));
		event.putObject("attributes");
		return event;
	}

	private static WebElement wait(By locator) {
		return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	private static void screenshot(String name) throws IOException {
		Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
