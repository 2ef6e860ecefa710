package ai.northstar.local.viewer;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import ai.northstar.local.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunsPage}'s filters, rendered by {@link ViewerPages} over an H2 store.
 */
class RunsPageTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void shouldListTheRunsOfANameWithSurroundingSpacesWhenItIsChosenInTheNameFilter() {
		String name = " answer 🚀 ";
		UUID sessionId = UUID.randomUUID();
		ObjectNode batch = MAPPER.createObjectNode().put("schema_version", 2);
		batch.putArray("sessions").addObject().put("id", sessionId.toString()).put("created_at", "2025-06-01T10:00:00Z");
		batch.putArray("runs")
			.addObject()
			.put("id", UUID.randomUUID().toString())
			.put("session_id", sessionId.toString())
			.put("name", name)
			.put("started_at", "2025-06-01T10:00:00Z")
			.put("status", "ok");
		try (JdbcStore store = JdbcStore.open(JdbcStore.h2Url(this.directory), null, null, JdbcStore.DEFAULT_MAX_RUNS)) {
			assertThat(store.ingest(batch).isAccepted()).isTrue();
			ViewerPages pages = new ViewerPages(store);
			String option = "<option value=\"" + Html.text(name) + "\"";
			assertThat(pages.handle(ViewerPages.PATH, Map.of()).bodyAsString()).contains(option + ">");

			String filtered = pages.handle(ViewerPages.PATH, Map.of("name", name)).bodyAsString();
			assertThat(filtered).contains("<span class=\"muted\" id=\"run-count\">1 run</span>")
				.contains(option + " selected>");
		}
	}

}
