package ai.northstar.sample.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ai.northstar.Northstar;
import ai.northstar.local.spring.LocalNorthstar;
import ai.northstar.local.viewer.ViewerPages;
import ai.northstar.sample.SampleTraces;
import ai.northstar.sample.SampleHttp;
import ai.northstar.sample.SampleHttp.Response;
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
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the local NorthStar viewer ({@link ViewerPages}) of the sample in a real headless browser: Debian's {@code chromium} driven through its
 * {@code chromedriver} by Selenium (Selenium Manager is never asked to download anything). Install them with
 * {@code apt-get install -y chromium chromium-driver}; {@code .ci/run} does so when they are missing.
 * <p>
 * Screenshots of both pages are written to {@code target/screenshots/}; the README's {@code docs/images/viewer.png}
 * is a copy of {@code viewer-run.png} (the README's list of runs, {@code viewer-runs.png}, was taken in demo mode).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TraceViewerBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static ChromeDriverService service;

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private Northstar northstar;

	private SampleTraces store;

	@Autowired
	void localNorthstar(LocalNorthstar local) {
		this.store = new SampleTraces(local);
	}

	@BeforeAll
	static void startBrowser(@TempDir Path profile) throws IOException {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				throw new IllegalStateException("The viewer's browser test needs " + binary
						+ ": install Debian's Chromium with 'apt-get install -y chromium chromium-driver'");
			}
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1500", "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
		browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
	}

	@Test
	void shouldShowTheRunAndItsSpanTreeWhenAQuestionWasAsked() throws IOException {
		String question = "What does the agent benchmarks report say about the batch size?";
		Response response = SampleHttp.ask(this.port, question);
		assertThat(response.status()).isEqualTo(200);
		UUID traceId = response.traceId();
		SampleHttp.awaitRun(this.northstar, this.store, traceId);
		SampleHttp.awaitEvaluated(this.northstar, this.store, traceId);

		browser.get("http://localhost:" + this.port + ViewerPages.PATH);
		WebElement row = new WebDriverWait(browser, WAIT).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".run-row[data-run-id='" + traceId + "']")));
		assertThat(browser.getTitle()).startsWith("Runs");
		assertThat(row.getDomAttribute("data-status")).isEqualTo("ok");
		assertThat(row.findElement(By.cssSelector(".run-name a")).getText()).isEqualTo("research-agent");
		assertThat(row.findElement(By.cssSelector(".preview.input")).getText()).isEqualTo(question);
		assertThat(row.findElement(By.cssSelector(".cost")).getText()).startsWith("$0.");
		assertThat(row.findElements(By.cssSelector(".scores .chip"))).extracting(WebElement::getText)
			.contains("answered true");
		screenshot("viewer-runs.png");

		row.findElement(By.cssSelector(".run-name a")).click();
		WebElement waterfall = new WebDriverWait(browser, WAIT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("waterfall")));
		assertThat(browser.getCurrentUrl()).endsWith("/northstar/runs/" + traceId);
		assertThat(waterfall.findElements(By.cssSelector(".span-row[data-kind='agent'][data-depth='0']")))
			.extracting((node) -> node.getDomAttribute("data-name"))
			.containsExactly("chat_client");
		assertThat(waterfall.findElements(By.cssSelector(".span-row[data-kind='tool']")))
			.extracting((node) -> node.getDomAttribute("data-name"))
			.containsExactly("search_docs", "fetch_page", "fetch_page");
		WebElement failed = waterfall.findElement(By.cssSelector(".span-row[data-kind='tool'][data-status='error']"));
		assertThat(browser.findElement(By.cssSelector("#detail-" + failed.getDomAttribute("data-span-id") + " .span-error"))
			.getDomProperty("textContent")).contains("PageFetchException").contains("402 Payment Required");
		List<String> models = waterfall.findElements(By.cssSelector(".span-row[data-kind='model'][data-depth='1']"))
			.stream()
			.map((node) -> node.getDomAttribute("data-span-id"))
			.toList();
		assertThat(models).hasSize(3);
		assertThat(waterfall.findElements(By.cssSelector(".span-row[data-kind='custom'][data-depth='0']")))
			.extracting((node) -> node.getDomAttribute("data-name"))
			.containsExactly("evaluation relevancy");
		assertThat(waterfall.findElements(By.cssSelector(".span-row[data-kind='model'][data-depth='2']"))).hasSize(1);
		// The system prompt pulled from the local NorthStar, linked to each of the agent's model spans
		assertThat(browser.findElements(By.cssSelector(".prompt-link")))
			.extracting((card) -> card.getDomAttribute("data-span-id"))
			.containsExactlyInAnyOrderElementsOf(models);
		assertThat(browser.findElements(By.cssSelector(".prompt-link .prompt-version"))).extracting(WebElement::getText)
			.containsOnly("v2");
		assertThat(browser.findElement(By.cssSelector(".prompt-link")).getText()).contains("research-system");
		assertThat(browser.findElement(By.cssSelector(".score-row[data-name='answered'] .score-value")).getText())
			.isEqualTo("true");
		assertThat(browser.findElement(By.cssSelector(".event-group[data-type='final_response'] .event-content"))
			.getDomProperty("textContent")).contains("agent benchmarks report");
		screenshot("viewer-run.png");
	}

	@Test
	void shouldShowTextInEveryScriptExactlyWhenTheQuestionIsNotAscii() throws IOException {
		String question = "How do I score a run? Wie bewerte ich einen Lauf? 如何评分? כיצד? 😀👩‍💻";
		Response response = SampleHttp.ask(this.port, question);
		assertThat(response.status()).isEqualTo(200);
		UUID traceId = response.traceId();
		SampleHttp.awaitRun(this.northstar, this.store, traceId);

		browser.get("http://localhost:" + this.port + ViewerPages.PATH);
		WebElement row = new WebDriverWait(browser, WAIT).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".run-row[data-run-id='" + traceId + "']")));
		assertThat(row.findElement(By.cssSelector(".preview.input")).getText()).isEqualTo(question);

		browser.get("http://localhost:" + this.port + ViewerPages.PATH + "/runs/" + traceId);
		WebElement input = new WebDriverWait(browser, WAIT).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".event-group[data-type='user_input'] .event-content")));
		assertThat(input.getText()).contains(question);
		screenshot("viewer-run-unicode.png");
	}

	private static void screenshot(String name) throws IOException {
		Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
