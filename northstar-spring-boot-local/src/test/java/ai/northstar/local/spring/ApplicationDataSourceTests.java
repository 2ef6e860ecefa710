package ai.northstar.local.spring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import ai.northstar.local.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalNorthstarInitializer} in an application with its own {@link DataSource} and Flyway: the
 * local NorthStar uses its own pool and migrations, and neither touches the application's database nor becomes its
 * {@code DataSource}.
 */
class ApplicationDataSourceTests {

	@TempDir
	Path directory;

	@Test
	void shouldLeaveTheApplicationsDataSourceAndMigrationsAloneWhenItHasThem() {
		new ApplicationContextRunner().withInitializer(new LocalNorthstarInitializer())
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
			.withPropertyValues("northstar.local.directory=" + this.directory, "northstar.local.port=0",
					"spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "spring.flyway.locations=classpath:user-migrations")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DataSource.class).hasSingleBean(JdbcStore.class);
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(connection.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:shop");
					assertThat(tables(connection)).contains("ORDERS", "flyway_schema_history")
						.doesNotContain("RUNS", "SPANS", "northstar_schema_history");
				}
				assertThat(context.getBean(LocalNorthstar.class).store().counts().runs()).isZero();
			});
	}

	private static List<String> tables(Connection connection) throws Exception {
		List<String> tables = new ArrayList<>();
		try (ResultSet rows = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] { "TABLE" })) {
			while (rows.next()) {
				tables.add(rows.getString("TABLE_NAME"));
			}
		}
		return tables;
	}

}
