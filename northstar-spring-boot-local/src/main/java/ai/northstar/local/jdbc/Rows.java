package ai.northstar.local.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import ai.northstar.local.jdbc.Dialect.ColumnType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binding parameters and reading columns the same way on H2 and PostgreSQL.
 */
final class Rows {

	/** Numbers with a fraction or an exponent read exactly, as they were recorded and stored. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private Rows() {
	}

	static void bind(PreparedStatement statement, int index, ColumnType type, @Nullable Object value)
			throws SQLException {
		if (value == null) {
			statement.setNull(index, switch (type) {
				case UUID -> Types.OTHER;
				case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
				case TEXT, JSON -> Types.VARCHAR;
				case INTEGER -> Types.INTEGER;
				case BIGINT -> Types.BIGINT;
				case DOUBLE -> Types.DOUBLE;
				case DECIMAL -> Types.NUMERIC;
			});
			return;
		}
		switch (type) {
			case UUID -> statement.setObject(index, value);
			case TIMESTAMP -> statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
			case TEXT -> statement.setString(index, (String) value);
			case JSON -> statement.setString(index, (value instanceof JsonNode node) ? node.toString() : (String) value);
			case INTEGER -> statement.setInt(index, ((Number) value).intValue());
			case BIGINT -> statement.setLong(index, ((Number) value).longValue());
			case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
			case DECIMAL -> statement.setBigDecimal(index, java.math.BigDecimal.valueOf(((Number) value).doubleValue()));
		}
	}

	static UUID uuid(ResultSet rows, String column) throws SQLException {
		UUID value = optionalUuid(rows, column);
		if (value == null) {
			throw new SQLException(column + " is null");
		}
		return value;
	}

	static @Nullable UUID optionalUuid(ResultSet rows, String column) throws SQLException {
		Object value = rows.getObject(column);
		if (value == null) {
			return null;
		}
		return (value instanceof UUID uuid) ? uuid : UUID.fromString(value.toString());
	}

	static Instant instant(ResultSet rows, String column) throws SQLException {
		Instant value = optionalInstant(rows, column);
		if (value == null) {
			throw new SQLException(column + " is null");
		}
		return value;
	}

	static @Nullable Instant optionalInstant(ResultSet rows, String column) throws SQLException {
		OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static @Nullable Integer optionalInt(ResultSet rows, String column) throws SQLException {
		int value = rows.getInt(column);
		return rows.wasNull() ? null : value;
	}

	static @Nullable Long optionalLong(ResultSet rows, String column) throws SQLException {
		long value = rows.getLong(column);
		return rows.wasNull() ? null : value;
	}

	static @Nullable Double optionalDouble(ResultSet rows, String column) throws SQLException {
		double value = rows.getDouble(column);
		return rows.wasNull() ? null : value;
	}

	static JsonNode json(ResultSet rows, String column) throws SQLException {
		String text = rows.getString(column);
		if (text == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new SQLException("Column " + column + " does not hold JSON", ex);
		}
	}

	static ObjectNode object(ResultSet rows, String column) throws SQLException {
		JsonNode value = json(rows, column);
		return (value instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode();
	}

	static @Nullable ObjectNode optionalObject(ResultSet rows, String column) throws SQLException {
		JsonNode value = json(rows, column);
		return (value instanceof ObjectNode object) ? object : null;
	}

	/** The UUID of a validated record's key, or {@code null} when absent. */
	static @Nullable UUID uuid(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null && !value.isNull()) ? UUID.fromString(value.stringValue()) : null;
	}

	/** The instant of a validated record's timestamp, or {@code null} when absent. */
	static @Nullable Instant instant(JsonNode record, String key) {
		JsonNode value = record.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		String text = value.stringValue();
		// validated: seconds and a zone; the protocol allows more than nine fraction digits, java.time does not
		int dot = text.indexOf('.');
		if (dot > 0) {
			int end = dot + 1;
			while (end < text.length() && Character.isDigit(text.charAt(end))) {
				end++;
			}
			if (end - dot - 1 > 9) {
				text = text.substring(0, dot + 10) + text.substring(end);
			}
		}
		return OffsetDateTime.parse(text).toInstant();
	}

	static @Nullable String text(JsonNode record, String key) {
		JsonNode value = record.get(key);
		return (value != null && !value.isNull()) ? value.stringValue() : null;
	}

	/** The SQL state of an exception, looking into batch and chained exceptions for the database's own. */
	static @Nullable String sqlState(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					String state = next.getSQLState();
					if (state != null && state.startsWith("23")) {
						return state;
					}
				}
				if (sql.getSQLState() != null) {
					return sql.getSQLState();
				}
			}
		}
		return null;
	}

}
