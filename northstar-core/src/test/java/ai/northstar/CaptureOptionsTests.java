package ai.northstar;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CaptureOptions}.
 */
class CaptureOptionsTests {

	@Test
	void shouldCaptureOnlyCustomEventsWhenNone() {
		for (EventType type : EventType.values()) {
			assertThat(CaptureOptions.none().captures(type)).as(type.name()).isEqualTo(type == EventType.CUSTOM);
		}
	}

	@Test
	void shouldCaptureEverythingWhenAll() {
		for (EventType type : EventType.values()) {
			assertThat(CaptureOptions.all().captures(type)).as(type.name()).isTrue();
		}
	}

	@Test
	void shouldMapEachBuilderFlagToItsEventType() {
		assertThat(CaptureOptions.builder().userInput(true).build().captures(EventType.USER_INPUT)).isTrue();
		assertThat(CaptureOptions.builder().systemMessages(true).build().captures(EventType.SYSTEM_MESSAGE)).isTrue();
		assertThat(CaptureOptions.builder().assistantMessages(true).build().captures(EventType.ASSISTANT_MESSAGE))
			.isTrue();
		assertThat(CaptureOptions.builder().reasoning(true).build().captures(EventType.REASONING)).isTrue();
		assertThat(CaptureOptions.builder().toolArguments(true).build().captures(EventType.TOOL_ARGUMENTS)).isTrue();
		assertThat(CaptureOptions.builder().toolResults(true).build().captures(EventType.TOOL_RESULT)).isTrue();
		assertThat(CaptureOptions.builder().finalResponse(true).build().captures(EventType.FINAL_RESPONSE)).isTrue();
		assertThat(CaptureOptions.builder().userInput(true).build().captures(EventType.FINAL_RESPONSE)).isFalse();
	}

}
