package ai.northstar.spring.langchain4j.app;

import java.util.List;

import ai.northstar.Northstar;
import ai.northstar.local.LocalIngestServer;
import ai.northstar.local.StoredEvent;
import ai.northstar.local.StoredRun;
import ai.northstar.local.StoredSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LangChain4jAgentApplication}: LangChain4j traced with no code in a booted application, sending to
 * a loopback NorthStar that validates like the backend; the test asserts the stored trace.
 */
@Timeout(60)
class LangChain4jAgentApplicationTests {

	private static final String API_KEY = "ns_langchain4j_app";

	private static LocalIngestServer server;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void boot() {
		server = LocalIngestServer.builder().apiKey(API_KEY).build();
		context = new SpringApplicationBuilder(LangChain4jAgentApplication.class).web(WebApplicationType.NONE)
			.properties("northstar.api-key=" + API_KEY, "northstar.endpoint=" + server.ingestUri(),
					"northstar.flush-interval=1h", "northstar.debug=true")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
		server.close();
	}

	@Test
	void shouldNestTheAiServiceItsRoundsAndItsToolUnderTheNorthstarTraceWhenTheTracedMethodAsks() {
		String question = "Où trouver 中文 et عربي ?";

		String answer = context.getBean(LangChain4jAgentApplication.HelpDesk.class).help(question);

		assertThat(answer).isEqualTo("D'après l'outil : trouvé « " + question + " » 🔎");
		context.getBean(Northstar.class).flush();
		assertThat(server.store().rejectionMessages()).isEmpty();
		assertThat(server.store().runs()).singleElement().satisfies((run) -> assertThat(run.name()).isEqualTo("help-desk"));
		StoredRun run = server.store().runs().get(0);
		assertThat(run.status()).isEqualTo("ok");
		List<StoredSpan> spans = server.store()
			.spansOf(run.id())
			.stream()
			.sorted(java.util.Comparator.comparing(StoredSpan::startedAt))
			.toList();
		assertThat(spans).extracting(StoredSpan::name)
			.containsExactly("Assistant.ask", "chat gpt-4o", "lookup", "chat gpt-4o");
		StoredSpan agent = spans.get(0);
		assertThat(agent.kind()).isEqualTo("agent");
		assertThat(agent.parentSpanId()).isNull();
		assertThat(spans.subList(1, 4)).allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(agent.id()));
		StoredSpan tool = spans.get(2);
		List<StoredEvent> events = server.store().eventsOf(run.id());
		assertThat(events).filteredOn((event) -> tool.id().equals(event.spanId()) && event.type().equals("tool_arguments"))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().get("query").asString()).isEqualTo(question));
		assertThat(events).filteredOn((event) -> event.spanId() == null && event.type().equals("final_response"))
			.singleElement()
			.satisfies((event) -> assertThat(event.content().asString()).isEqualTo(answer));
		assertThat(spans.get(1).attributes().get("input_tokens").asLong()).isEqualTo(30);
		assertThat(run.metadata().get("total_input_tokens").asLong()).isEqualTo(60);
	}

}
