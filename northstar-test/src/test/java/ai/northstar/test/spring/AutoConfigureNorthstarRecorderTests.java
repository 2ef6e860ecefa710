package ai.northstar.test.spring;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import ai.northstar.EventType;
import ai.northstar.Northstar;
import ai.northstar.test.NorthstarRecorder;
import ai.northstar.test.RecordedRun;
import ai.northstar.test.spring.app.RecorderSampleApplication;
import ai.northstar.test.spring.app.SupportAgent;
import ai.northstar.transport.IngestTransport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static ai.northstar.test.NorthstarAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AutoConfigureNorthstarRecorder}, on a booted application with no NorthStar property of its own.
 */
@SpringBootTest(classes = RecorderSampleApplication.class)
@AutoConfigureNorthstarRecorder
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureNorthstarRecorderTests {

	@Autowired
	private NorthstarRecorder recorder;

	@Autowired
	private SupportAgent agent;

	@Autowired
	private Northstar northstar;

	@Autowired
	private IngestTransport transport;

	@Test
	@Order(1)
	void shouldTraceIntoTheRecorderWhenTheApplicationSetsNoProperty() {
		assertThat(this.northstar.isEnabled()).isTrue();
		assertThat(this.transport).isSameAs(this.recorder);
		assertThat(this.northstar.endpoint()).hasToString(NorthstarRecorder.ENDPOINT);
		assertThat(this.northstar.flusher()).isPresent();
		assertThat(this.northstar.flusher().orElseThrow().flushInterval()).hasMillis(100);

		this.agent.answer("¿Cómo pido un reembolso? 💶");

		RecordedRun run = this.recorder.awaitRuns(1).get(0);
		assertThat(run).hasName("support-agent 🛟")
			.isOk()
			.hasToolCalls("search_docs")
			.hasToolCall("search_docs", Map.of("query", "¿Cómo pido un reembolso? 💶"))
			.hasEventContaining(EventType.FINAL_RESPONSE, "30 días 🧾");
		assertThat(this.recorder.boundClient()).containsSame(this.northstar);
	}

	@Test
	@Order(2)
	void shouldListOnlyTheRunsOfTheCurrentTestWhenAnEarlierTestRecorded() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.agent.answer(" "));

		assertThat(this.recorder.awaitRuns(1)).singleElement()
			.satisfies((run) -> assertThat(run).isError().hasErrorMessageContaining("pregunta vacía ❓").hasNoToolCalls());
		assertThat(this.recorder.store().runs()).hasSize(2);
	}

	/** An orphan the backend refuses, sent as a test would never do on purpose. */
	static final byte[] ORPHAN = """
			{"schema_version": 2, "scores": [{"id": "00000000-0000-4000-8000-000000000003",
			"trace_id": "00000000-0000-4000-8000-000000000099", "name": "sin padre 👻", "value": 1,
			"data_type": "numeric", "source": "api", "created_at": "2026-01-01T00:00:00Z"}]}"""
		.getBytes(StandardCharsets.UTF_8);

}
