package ai.northstar.capture;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the bounded object converter: a value whose JSON is huge is given up on while it is serialized, not
 * after a tree of all of it was built on the application's thread.
 */
class BoundedConversionTests {

	/** A record as applications pass them: a big array of numbers. */
	public record Samples(String name, double[] values) {
	}

	/** A POJO whose getter returns a long list of text. */
	public static final class Page {

		public List<String> getRows() {
			return Collections.nCopies(200_000, "ligne — 行 😀");
		}

	}

	@Test
	void shouldGiveUpOnAValueWhoseJsonPassesTheBoundWithoutBuildingItsTree() {
		ContentCapture capture = ContentCapture.defaults();
		Samples samples = new Samples("capteur", new double[10_000_000]);
		long before = allocatedBytes();
		JsonNode captured = capture.capture(samples);
		long allocated = allocatedBytes() - before;
		assertThat(captured.stringValue()).isEqualTo("<too large: Samples>");
		// The whole tree would be ten million nodes, several hundred megabytes; the bound stops at about 1 MiB.
		assertThat(allocated).isLessThan(64L * 1024 * 1024);
		assertThat(capture.capture(new Page()).stringValue()).isEqualTo("<too large: Page>");
	}

	@Test
	void shouldConvertAValueWithinTheBoundAndCapItLikeAnyOther() {
		ContentCapture capture = ContentCapture.builder()
			.objectConverter(ContentCapture.boundedConverter(JsonMapper.shared()))
			.build();
		JsonNode small = capture.capture(new Samples("capteur é", new double[] { 1.5, Double.NaN }));
		assertThat(small.get("name").stringValue()).isEqualTo("capteur é");
		assertThat(small.get("values").get(0).doubleValue()).isEqualTo(1.5);
		assertThat(small.get("values").get(1).isNull()).isTrue();
		// Within the bound but over the content cap: the usual envelope.
		JsonNode large = capture.capture(new Samples("capteur", new double[20_000]));
		assertThat(large.get("truncated").booleanValue()).isTrue();
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

}
