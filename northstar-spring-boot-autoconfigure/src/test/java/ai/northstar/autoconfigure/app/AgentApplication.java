package ai.northstar.autoconfigure.app;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ai.northstar.Northstar;
import ai.northstar.SpanKind;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A support agent whose beans are traced with annotations only: what a newcomer's application looks like.
 */
@SpringBootApplication
@EnableAsync
public class AgentApplication {

	/**
	 * An answer, with the trace it was recorded in so it can be scored.
	 *
	 * @param question the question
	 * @param facts what the tools found
	 * @param traceId the trace id
	 */
	public record Answer(String question, String facts, String traceId) {
	}

	@RestController
	static class AgentController {

		private final SupportAgent agent;

		private final PolyglotAgent polyglot;

		AgentController(SupportAgent agent, PolyglotAgent polyglot) {
			this.agent = agent;
			this.polyglot = polyglot;
		}

		@GetMapping("/answer")
		Answer answer(@RequestParam String q) {
			return this.agent.answer(q, "ns_user_secret_123");
		}

		@GetMapping("/polyglot")
		String polyglot(@RequestParam String q) {
			return this.polyglot.回答(q, "ns_secret_ключ");
		}

		@GetMapping("/reactive")
		Mono<String> reactive(@RequestParam String topic) {
			return this.agent.reactive(topic);
		}

	}

	@Service
	static class SupportAgent {

		private final ResearchTools tools;

		private final AsyncTools asyncTools;

		private final Northstar northstar;

		SupportAgent(ResearchTools tools, AsyncTools asyncTools, Northstar northstar) {
			this.tools = tools;
			this.asyncTools = asyncTools;
			this.northstar = northstar;
		}

		@NorthstarTrace(name = "support-agent", tags = "booted")
		public Answer answer(String question, String apiKey) {
			String facts = this.tools.search(question);
			this.northstar.logEvent("step", Map.of("facts", facts));
			return new Answer(question, facts, this.northstar.currentTraceId().map(Object::toString).orElse("none"));
		}

		@NorthstarTrace
		public String asyncHop(String topic) {
			return this.asyncTools.summarize(topic).join();
		}

		@NorthstarTrace
		public Mono<String> reactive(String topic) {
			return Mono.fromCallable(topic::toUpperCase)
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(this.tools::lookup);
		}

		@NorthstarTrace
		public Flux<String> stream(int count) {
			return Flux.range(1, count).publishOn(Schedulers.parallel()).map((i) -> "chunk-" + i);
		}

		@NorthstarTrace
		public String failing(String input) {
			throw new IllegalStateException("model unavailable for " + input);
		}

	}

	@Component
	static class ResearchTools {

		private final Fetcher fetcher;

		ResearchTools(Fetcher fetcher) {
			this.fetcher = fetcher;
		}

		@NorthstarSpan(kind = SpanKind.TOOL)
		public String search(String query) {
			return this.fetcher.fetch(query);
		}

		@NorthstarSpan(name = "lookup")
		public Mono<String> lookup(String value) {
			return Mono.fromCallable(() -> value + "!").subscribeOn(Schedulers.boundedElastic());
		}

	}

	@Component
	static class Fetcher {

		@NorthstarSpan(kind = SpanKind.WORKFLOW)
		public String fetch(String query) {
			return "facts about " + query;
		}

	}

	@Component
	static class AsyncTools {

		@Async
		@NorthstarSpan(name = "summarize")
		public CompletableFuture<String> summarize(String topic) {
			return CompletableFuture.completedFuture("summary of " + topic);
		}

	}

	/**
	 * An agent whose names, parameters and results are not in Latin script, as many users' are. Class names stay
	 * ASCII (they become file names); method and parameter names need not.
	 */
	@Service
	static class PolyglotAgent {

		private final PolyglotTools tools;

		PolyglotAgent(PolyglotTools tools) {
			this.tools = tools;
		}

		@NorthstarTrace(name = "résumé-agent 履歴書 😀", tags = "日本語")
		public String 回答(String 質問, String apiKey) {
			return this.tools.تلخيص(this.tools.検索(質問));
		}

	}

	@Component
	static class PolyglotTools {

		@NorthstarSpan(name = "検索-ツール", kind = SpanKind.TOOL)
		public String 検索(String クエリ) {
			return "Grüße aus München 中文 😀: " + クエリ;
		}

		@NorthstarSpan
		public String تلخيص(String نص) {
			return "סיכום: " + نص;
		}

	}

}
