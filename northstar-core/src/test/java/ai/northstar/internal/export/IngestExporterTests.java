package ai.northstar.internal.export;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IngestExporter}'s reading of answers.
 */
class IngestExporterTests {

	@Test
	void shouldReadTheUsualAnswerWithoutAParserOnlyWhenAParserWouldAcceptItToo() {
		List<String> plain = List.of("{\"accepted\":true}", "{\"accepted\": true}", " {\r\n\t\"accepted\" : true }\n");
		for (String body : plain) {
			assertThat(IngestExporter.isPlainAcceptance(body)).as(body).isTrue();
			assertThat(parsedAcceptance(body)).as(body).isTrue();
		}
		List<String> others = List.of("", "{}", "{\"accepted\":false}", "{\"accepted\":\"true\"}",
				"{\"accepted\":truely}", "{\"Accepted\":true}", "{\"accepted\":true,\"stored\":3}",
				"{\"error\":\"x\",\"accepted\":true}", "{\"accepted\":true}}", "[\"accepted\",true]", "{\"accepted\"true}",
				"{\"accepted\":true", "{\"accepted\u00A0\":true}");
		for (String body : others) {
			assertThat(IngestExporter.isPlainAcceptance(body)).as(body).isFalse();
		}
		assertThat(IngestExporter.isPlainAcceptance(null)).isFalse();
	}

	private static boolean parsedAcceptance(String body) {
		JsonNode accepted = JsonMapper.shared().readTree(body).get("accepted");
		return accepted != null && accepted.isBoolean() && accepted.booleanValue();
	}

}
