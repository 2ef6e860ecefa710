package ai.northstar.mvc;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import ai.northstar.SpanKind;
import ai.northstar.TraceContext;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC agent as a newcomer writes it from the README: its own {@code taskExecutor} built with {@code new},
 * an {@code @Async} tool, a helper run with {@code CompletableFuture.supplyAsync} on the common pool.
 */
@SpringBootApplication
@EnableAsync
public class MvcAgentApplication {

	/** The thread name prefix of the application's executor. */
	static final String TOOL_THREADS = "tools-";

	@Bean
	ThreadPoolTaskExecutor taskExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(2);
		executor.setThreadNamePrefix(TOOL_THREADS);
		return executor;
	}

	@RestController
	static class AskController {

		private final ResearchAgent agent;

		AskController(ResearchAgent agent) {
			this.agent = agent;
		}

		@GetMapping("/ask")
		String ask(@RequestParam String q) {
			return this.agent.ask(q);
		}

	}

	@Service
	static class ResearchAgent {

		private final ResearchTools tools;

		private final Summarizer summarizer;

		ResearchAgent(ResearchTools tools, Summarizer summarizer) {
			this.tools = tools;
			this.summarizer = summarizer;
		}

		@NorthstarTrace(name = "research")
		public String ask(String question) {
			CompletableFuture<String> found = this.tools.search(question);
			CompletableFuture<String> summary = CompletableFuture
				.supplyAsync(TraceContext.current().wrapSupplier(() -> this.summarizer.summarize(question)));
			return found.join() + " | " + summary.join();
		}

	}

	@Component
	static class ResearchTools {

		private final Normalizer normalizer;

		ResearchTools(Normalizer normalizer) {
			this.normalizer = normalizer;
		}

		@Async
		@NorthstarSpan(name = "search", kind = SpanKind.TOOL)
		public CompletableFuture<String> search(String query) {
			String normalized = this.normalizer.normalize(query);
			return CompletableFuture.completedFuture(normalized + " on " + Thread.currentThread().getName() + " mdc="
					+ MDC.get("northstar.trace_id"));
		}

	}

	@Component
	static class Normalizer {

		@NorthstarSpan(name = "normalize")
		public String normalize(String text) {
			return text.strip().toLowerCase(Locale.ROOT);
		}

	}

	@Component
	static class Summarizer {

		@NorthstarSpan(name = "summarize")
		public String summarize(String text) {
			return "summary of " + text + " mdc=" + MDC.get("northstar.trace_id");
		}

	}

}
