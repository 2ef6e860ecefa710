package ai.northstar.local.jdbc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcStore} on a real PostgreSQL server ({@link PostgresServer}): the contract of
 * {@link JdbcStoreContractTests}.
 */
class PostgresJdbcStoreTests extends JdbcStoreContractTests {

	private String url;

	@Override
	@BeforeEach
	void openStore() {
		this.url = PostgresServer.shared().newDatabase();
		super.openStore();
	}

	@Override
	protected JdbcStore open(int maxRuns) {
		return JdbcStore.open(this.url, PostgresServer.USER, "", maxRuns);
	}

	@Test
	void shouldRunOnPostgresqlWhenGivenItsUrl() {
		assertThat(this.store.dialect()).isEqualTo(Dialect.POSTGRESQL);
	}

}
