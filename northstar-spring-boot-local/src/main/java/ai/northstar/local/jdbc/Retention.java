package ai.northstar.local.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The store's retention: the runs stored first go, with everything the database cascades to.
 */
final class Retention {

	private Retention() {
	}

	/**
	 * Deletes the oldest stored runs beyond the limit, with their records, and the sessions left without runs. To
	 * keep ingestion fast it waits until the store holds 1% more runs than the limit (at least one more), then deletes
	 * down to the limit in one statement.
	 */
	static int retain(Connection connection, int maxRuns) throws SQLException {
		long count;
		try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM runs");
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			count = rows.getLong(1);
		}
		if (count <= maxRuns + (maxRuns / 100)) {
			return 0;
		}
		int excess = (int) (count - maxRuns);
		List<UUID> sessions = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT DISTINCT session_id FROM (SELECT session_id FROM runs ORDER BY stored_seq "
					+ "FETCH FIRST " + excess + " ROWS ONLY) oldest")) {
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					sessions.add(Rows.uuid(rows, "session_id"));
				}
			}
		}
		int deleted;
		try (PreparedStatement statement = connection.prepareStatement("DELETE FROM runs WHERE stored_seq <= "
				+ "(SELECT MAX(stored_seq) FROM (SELECT stored_seq FROM runs ORDER BY stored_seq FETCH FIRST " + excess
				+ " ROWS ONLY) oldest)")) {
			deleted = statement.executeUpdate();
		}
		try (PreparedStatement statement = connection.prepareStatement(
				"DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM runs WHERE session_id = ?)")) {
			for (UUID session : sessions) {
				statement.setObject(1, session);
				statement.setObject(2, session);
				statement.addBatch();
			}
			statement.executeBatch();
		}
		return deleted;
	}

}
