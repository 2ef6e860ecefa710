package ai.northstar.local.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL that differs between the databases the store runs on: upserts ({@code insert ... on conflict} on
 * PostgreSQL, {@code merge} on H2), JSON parameters and a few expressions.
 *
 * @since 0.1.0
 */
public enum Dialect {

	/** An embedded H2 database (a file by default). */
	H2("h2"),

	/** A PostgreSQL server. */
	POSTGRESQL("postgresql");

	private final String vendor;

	Dialect(String vendor) {
		this.vendor = vendor;
	}

	/**
	 * Returns the dialect of a JDBC URL.
	 * @param url the URL
	 * @return the dialect
	 * @throws IllegalArgumentException for a database other than H2 and PostgreSQL
	 */
	public static Dialect of(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.startsWith("jdbc:h2:")) {
			return H2;
		}
		if (lower.startsWith("jdbc:postgresql:")) {
			return POSTGRESQL;
		}
		throw new IllegalArgumentException("The local NorthStar runs on H2 or PostgreSQL, not on " + url);
	}

	/**
	 * Returns the folder of this database's migrations, under {@code ai/northstar/local/db/}.
	 * @return the vendor name
	 */
	public String vendor() {
		return this.vendor;
	}

	/**
	 * Returns a parameter placeholder for a value of a column type.
	 */
	String parameter(ColumnType type) {
		if (this == POSTGRESQL) {
			return switch (type) {
				case JSON -> "CAST(? AS jsonb)";
				default -> "?";
			};
		}
		return switch (type) {
			case UUID -> "CAST(? AS UUID)";
			case TIMESTAMP -> "CAST(? AS TIMESTAMP(6) WITH TIME ZONE)";
			case JSON -> "CAST(? AS CHARACTER LARGE OBJECT)";
			case TEXT -> "CAST(? AS CHARACTER VARYING)";
			case INTEGER -> "CAST(? AS INTEGER)";
			case BIGINT -> "CAST(? AS BIGINT)";
			case DOUBLE -> "CAST(? AS DOUBLE PRECISION)";
			case DECIMAL -> "CAST(? AS NUMERIC(4,3))";
		};
	}

	/**
	 * Returns an upsert statement: insert the row, or on a conflict on the key columns apply the updates, each an
	 * expression over {@code new.column} (the offered row) and {@code old.column} (the stored row).
	 */
	String upsert(String table, List<Column> columns, List<String> key, Map<String, String> updates) {
		String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
		if (this == POSTGRESQL) {
			String values = columns.stream().map((column) -> parameter(column.type())).collect(Collectors.joining(", "));
			String sets = updates.entrySet()
				.stream()
				.map((update) -> update.getKey() + " = "
						+ update.getValue().replace("new.", "EXCLUDED.").replace("old.", table + "."))
				.collect(Collectors.joining(", "));
			return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT ("
					+ String.join(", ", key) + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + sets);
		}
		String values = columns.stream().map((column) -> parameter(column.type())).collect(Collectors.joining(", "));
		String on = key.stream().map((column) -> "t." + column + " = s." + column).collect(Collectors.joining(" AND "));
		String sets = updates.entrySet()
			.stream()
			.map((update) -> update.getKey() + " = " + update.getValue().replace("new.", "s.").replace("old.", "t."))
			.collect(Collectors.joining(", "));
		String inserted = columns.stream().map((column) -> "s." + column.name()).collect(Collectors.joining(", "));
		return "MERGE INTO " + table + " t USING (VALUES (" + values + ")) s(" + names + ") ON " + on
				+ (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + sets) + " WHEN NOT MATCHED THEN INSERT ("
				+ names + ") VALUES (" + inserted + ")";
	}

	/**
	 * Returns an expression for the milliseconds between two timestamp columns.
	 */
	String millisBetween(String start, String end) {
		return (this == POSTGRESQL) ? "(EXTRACT(EPOCH FROM (" + end + " - " + start + ")) * 1000)"
				: "DATEDIFF(MILLISECOND, " + start + ", " + end + ")";
	}

	/**
	 * Returns whether an SQL state means a foreign key found no row (the backend's "invalid project references").
	 */
	boolean isMissingReference(String sqlState) {
		// PostgreSQL: 23503 foreign_key_violation; H2: 23506 parent missing, 23503 child exists
		return "23503".equals(sqlState) || "23506".equals(sqlState);
	}

	/**
	 * Returns whether an SQL state is a unique violation, which a concurrent upsert of the same new row can raise.
	 */
	boolean isUniqueViolation(String sqlState) {
		return "23505".equals(sqlState);
	}

	/** The types of bound columns. */
	enum ColumnType {

		UUID, TIMESTAMP, TEXT, JSON, INTEGER, BIGINT, DOUBLE, DECIMAL

	}

	/** A column of an upsert. */
	record Column(String name, ColumnType type) {

	}

}
