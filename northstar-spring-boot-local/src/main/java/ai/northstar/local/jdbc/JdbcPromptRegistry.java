package ai.northstar.local.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import ai.northstar.local.PromptDefinition;
import ai.northstar.local.PromptRegistry;
import ai.northstar.local.PromptVersion;
import ai.northstar.local.jdbc.Dialect.Column;
import ai.northstar.local.jdbc.Dialect.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * The prompts of a {@link JdbcStore}, in its {@code prompts}, {@code prompt_versions} and {@code prompt_labels}
 * tables, so that they survive restarts and prompt links reference them through a foreign key.
 */
final class JdbcPromptRegistry implements PromptRegistry {

	private static final String SELECT = "SELECT v.id, v.prompt_id, p.name, p.slug, v.version_number, v.content, "
			+ "v.model, v.temperature, v.max_tokens, v.variables, v.content_hash FROM prompt_versions v "
			+ "JOIN prompts p ON p.id = v.prompt_id";

	private final DataSource dataSource;

	private final String upsertPrompt;

	private final String upsertVersion;

	JdbcPromptRegistry(DataSource dataSource, Dialect dialect) {
		this.dataSource = dataSource;
		this.upsertPrompt = dialect.upsert("prompts",
				List.of(new Column("id", ColumnType.UUID), new Column("name", ColumnType.TEXT),
						new Column("slug", ColumnType.TEXT), new Column("created_at", ColumnType.TIMESTAMP),
						new Column("updated_at", ColumnType.TIMESTAMP)),
				List.of("id"), Map.of("name", "new.name", "updated_at", "new.updated_at"));
		Map<String, String> versionUpdates = new LinkedHashMap<>();
		for (String column : List.of("content", "model", "temperature", "max_tokens", "variables", "content_hash")) {
			versionUpdates.put(column, "new." + column);
		}
		this.upsertVersion = dialect.upsert("prompt_versions",
				List.of(new Column("id", ColumnType.UUID), new Column("prompt_id", ColumnType.UUID),
						new Column("version_number", ColumnType.INTEGER), new Column("content", ColumnType.TEXT),
						new Column("model", ColumnType.TEXT), new Column("temperature", ColumnType.DECIMAL),
						new Column("max_tokens", ColumnType.INTEGER), new Column("variables", ColumnType.JSON),
						new Column("content_hash", ColumnType.TEXT), new Column("created_at", ColumnType.TIMESTAMP)),
				List.of("id"), versionUpdates);
	}

	@Override
	public PromptVersion define(PromptDefinition definition) {
		Objects.requireNonNull(definition, "definition must not be null");
		PromptVersion version = PromptVersion.of(definition, List.of());
		Instant now = Instant.now();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				try (PreparedStatement statement = connection.prepareStatement(this.upsertPrompt)) {
					Rows.bind(statement, 1, ColumnType.UUID, version.promptId());
					Rows.bind(statement, 2, ColumnType.TEXT, version.name());
					Rows.bind(statement, 3, ColumnType.TEXT, version.slug());
					Rows.bind(statement, 4, ColumnType.TIMESTAMP, now);
					Rows.bind(statement, 5, ColumnType.TIMESTAMP, now);
					statement.executeUpdate();
				}
				try (PreparedStatement statement = connection.prepareStatement(this.upsertVersion)) {
					Rows.bind(statement, 1, ColumnType.UUID, version.id());
					Rows.bind(statement, 2, ColumnType.UUID, version.promptId());
					Rows.bind(statement, 3, ColumnType.INTEGER, version.versionNumber());
					Rows.bind(statement, 4, ColumnType.TEXT, version.content());
					Rows.bind(statement, 5, ColumnType.TEXT, version.model());
					Rows.bind(statement, 6, ColumnType.DECIMAL, version.temperature());
					Rows.bind(statement, 7, ColumnType.INTEGER, version.maxTokens());
					Rows.bind(statement, 8, ColumnType.JSON, version.variables());
					Rows.bind(statement, 9, ColumnType.TEXT, version.contentHash());
					Rows.bind(statement, 10, ColumnType.TIMESTAMP, now);
					statement.executeUpdate();
				}
				try (PreparedStatement delete = connection
					.prepareStatement("DELETE FROM prompt_labels WHERE prompt_id = ? AND label = ?");
						PreparedStatement insert = connection
							.prepareStatement("INSERT INTO prompt_labels (prompt_id, label, version_id) VALUES (?, ?, ?)")) {
					for (String label : definition.labels()) {
						delete.setObject(1, version.promptId());
						delete.setString(2, label);
						delete.executeUpdate();
						insert.setObject(1, version.promptId());
						insert.setString(2, label);
						insert.setObject(3, version.id());
						insert.executeUpdate();
					}
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not store prompt '" + definition.name() + "' version "
					+ definition.version() + ": " + ex.getMessage(), ex);
		}
		return version(version.id()).orElseThrow();
	}

	@Override
	public Optional<PromptVersion> resolve(String slug, String label, @Nullable Integer version) {
		String match = " WHERE (p.slug = ? OR LOWER(p.name) = LOWER(?))";
		if (version != null) {
			return first(SELECT + match + " AND v.version_number = ?", slug, slug, version);
		}
		return first(SELECT + " JOIN prompt_labels l ON l.version_id = v.id" + match + " AND l.label = ?", slug, slug,
				label);
	}

	@Override
	public Optional<PromptVersion> version(UUID id) {
		return first(SELECT + " WHERE v.id = ?", id);
	}

	@Override
	public List<PromptVersion> versions() {
		return query(SELECT + " ORDER BY p.name, v.version_number");
	}

	private Optional<PromptVersion> first(String sql, Object... parameters) {
		List<PromptVersion> versions = query(sql, parameters);
		return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0));
	}

	private List<PromptVersion> query(String sql, Object... parameters) {
		try (Connection connection = this.dataSource.getConnection()) {
			List<Row> rows = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < parameters.length; i++) {
					statement.setObject(i + 1, parameters[i]);
				}
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						rows.add(row(result));
					}
				}
			}
			Map<UUID, List<String>> labels = labels(connection);
			List<PromptVersion> versions = new ArrayList<>();
			for (Row row : rows) {
				versions.add(new PromptVersion(row.id, row.promptId, row.name, row.slug, row.versionNumber, row.content,
						row.model, row.temperature, row.maxTokens, row.variables, row.contentHash,
						labels.getOrDefault(row.id, List.of())));
			}
			return versions;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the prompts: " + ex.getMessage(), ex);
		}
	}

	private static Map<UUID, List<String>> labels(Connection connection) throws SQLException {
		Map<UUID, List<String>> labels = new LinkedHashMap<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT version_id, label FROM prompt_labels ORDER BY label");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				labels.computeIfAbsent(Rows.uuid(rows, "version_id"), (id) -> new ArrayList<>())
					.add(rows.getString("label"));
			}
		}
		return labels;
	}

	private static Row row(ResultSet rows) throws SQLException {
		BigDecimal temperature = rows.getBigDecimal("temperature");
		return new Row(Rows.uuid(rows, "id"), Rows.uuid(rows, "prompt_id"), rows.getString("name"),
				rows.getString("slug"), rows.getInt("version_number"), rows.getString("content"),
				rows.getString("model"), (temperature != null) ? temperature.doubleValue() : null,
				Rows.optionalInt(rows, "max_tokens"), (ArrayNode) Rows.json(rows, "variables"),
				rows.getString("content_hash"));
	}

	private record Row(UUID id, UUID promptId, String name, String slug, int versionNumber, String content,
			@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens, ArrayNode variables,
			String contentHash) {

	}

}
