package ai.northstar.local.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcStore} on an embedded H2 file database: the contract of {@link JdbcStoreContractTests}.
 */
class H2JdbcStoreTests extends JdbcStoreContractTests {

	@TempDir
	Path directory;

	@Override
	protected JdbcStore open(int maxRuns) {
		return JdbcStore.open(JdbcStore.h2Url(this.directory), null, null, maxRuns);
	}

	@Test
	void shouldKeepTheDatabaseInOneFileOfTheDirectoryWhenOpened() {
		assertThat(this.store.dialect()).isEqualTo(Dialect.H2);
		assertThat(this.directory.resolve("northstar.mv.db")).isRegularFile();
	}

}
