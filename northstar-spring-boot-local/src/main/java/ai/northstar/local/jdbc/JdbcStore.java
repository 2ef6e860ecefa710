package ai.northstar.local.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import ai.northstar.local.IngestResult;
import ai.northstar.local.IngestStore;
import ai.northstar.local.IngestValidator;
import ai.northstar.local.LocalStore;
import ai.northstar.local.PromptRegistry;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A NorthStar store in a real database through JDBC: an embedded H2 file by default, or a PostgreSQL server for a
 * team. Its schema comes from versioned Flyway migrations (its own history table, {@value #HISTORY_TABLE}, and its
 * own {@link DataSource}, never an application's), with tables shaped like the backend's, and the backend's rules
 * are the database's: foreign keys for every reference, upserts by id in SQL ({@code insert ... on conflict} on
 * PostgreSQL, {@code merge} on H2) keeping the first {@code name}/{@code started_at}/{@code created_at} and
 * coalescing {@code ended_at}, and one transaction per batch. It validates and answers exactly like
 * {@link LocalStore} (the same {@link IngestValidator}, the same {@link IngestResult}s).
 * <p>
 * Retention: after a batch, when more than {@code maxRuns} runs are stored (1% more, so that deletes come in chunks:
 * 10,100 for the default 10,000), the runs stored first are deleted down to {@code maxRuns}, with their spans, events,
 * scores and prompt links (the database cascades), and so are the sessions left without runs.
 * <p>
 * Example: <pre>{@code
 * try (JdbcStore store = JdbcStore.open(JdbcStore.h2Url(Path.of(".northstar")), null, null, 10_000)) {
 *     IngestResult result = store.ingest(batch);
 *     RunPage runs = store.queries().runs(RunQuery.DEFAULT);
 * }
 * }</pre>
 * Thread-safe. On H2, batches are written one at a time.
 *
 * @since 0.1.0
 */
public final class JdbcStore implements IngestStore, AutoCloseable {

	/** The default most runs kept. */
	public static final int DEFAULT_MAX_RUNS = 10_000;

	/** The name of the Flyway history table of the store's migrations. */
	public static final String HISTORY_TABLE = "northstar_schema_history";

	private static final Logger logger = LoggerFactory.getLogger(JdbcStore.class);

	private final DataSource dataSource;

	private final @Nullable HikariDataSource ownedDataSource;

	private final Dialect dialect;

	private final int maxRuns;

	private final BatchWriter writer;

	private final JdbcPromptRegistry prompts;

	private final TraceQueries queries;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final ReentrantLock retentionLock = new ReentrantLock();

	private final AtomicInteger acceptedBatches = new AtomicInteger();

	private final AtomicInteger rejectedBatches = new AtomicInteger();

	private final Deque<String> rejectionMessages = new ArrayDeque<>();

	private JdbcStore(DataSource dataSource, @Nullable HikariDataSource owned, Dialect dialect, int maxRuns) {
		if (maxRuns <= 0) {
			throw new IllegalArgumentException("maxRuns must be > 0, was " + maxRuns);
		}
		this.dataSource = dataSource;
		this.ownedDataSource = owned;
		this.dialect = dialect;
		this.maxRuns = maxRuns;
		this.writer = new BatchWriter(dialect);
		this.prompts = new JdbcPromptRegistry(dataSource, dialect);
		this.queries = new TraceQueries(dataSource, dialect);
	}

	/**
	 * Opens a store on its own connection pool, migrating the schema first.
	 * @param url the JDBC URL, {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
	 * @param username the user, or {@code null}
	 * @param password the password, or {@code null}
	 * @param maxRuns the most runs kept, {@code > 0}
	 * @return the open store; {@link #close()} closes its pool
	 * @throws IllegalArgumentException for another database or an invalid {@code maxRuns}
	 * @throws IllegalStateException when the database cannot be reached or migrated
	 */
	public static JdbcStore open(String url, @Nullable String username, @Nullable String password, int maxRuns) {
		Dialect dialect = Dialect.of(url);
		if (maxRuns <= 0) {
			throw new IllegalArgumentException("maxRuns must be > 0, was " + maxRuns);
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword(password);
		config.setPoolName("northstar-local");
		config.setMaximumPoolSize((dialect == Dialect.H2) ? 4 : 8);
		config.setMinimumIdle(1);
		config.setConnectionTimeout(10_000);
		config.setInitializationFailTimeout(-1);
		HikariDataSource pool = new HikariDataSource(config);
		try {
			migrate(pool, dialect);
			return new JdbcStore(pool, pool, dialect, maxRuns);
		}
		catch (RuntimeException ex) {
			pool.close();
			throw ex;
		}
	}

	/**
	 * Creates a store on a data source the caller owns (and closes), migrating the schema first.
	 * @param dataSource the data source
	 * @param dialect its database
	 * @param maxRuns the most runs kept, {@code > 0}
	 * @return the store
	 */
	public static JdbcStore create(DataSource dataSource, Dialect dialect, int maxRuns) {
		Objects.requireNonNull(dataSource, "dataSource must not be null");
		Objects.requireNonNull(dialect, "dialect must not be null");
		migrate(dataSource, dialect);
		return new JdbcStore(dataSource, null, dialect, maxRuns);
	}

	/**
	 * Returns the URL of the embedded H2 file database the store keeps in a directory,
	 * {@code <directory>/northstar.mv.db}. H2's own JVM shutdown hook is off ({@code DB_CLOSE_ON_EXIT=FALSE}): it would
	 * close the database while the application's shutdown still sends its last records to it; the store closes it
	 * when it is closed.
	 * @param directory the directory, created when missing
	 * @return the JDBC URL
	 */
	public static String h2Url(Path directory) {
		return "jdbc:h2:file:" + directory.toAbsolutePath().normalize().resolve("northstar")
				+ ";NON_KEYWORDS=VALUE;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
	}

	private static void migrate(DataSource dataSource, Dialect dialect) {
		try {
			Flyway.configure(JdbcStore.class.getClassLoader())
				.dataSource(dataSource)
				.locations("classpath:ai/northstar/local/db/" + dialect.vendor())
				.table(HISTORY_TABLE)
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not migrate the local NorthStar's database: " + ex.getMessage(), ex);
		}
	}

	@Override
	public IngestResult ingest(JsonNode batch) {
		Optional<IngestValidator.Problem> problem = IngestValidator.check(batch);
		if (problem.isPresent()) {
			return reject(problem.get().isServerError() ? IngestResult.Kind.SERVER_ERROR : IngestResult.Kind.INVALID,
					problem.get().message());
		}
		boolean serial = this.dialect == Dialect.H2;
		if (serial) {
			this.writeLock.lock();
		}
		try {
			for (int attempt = 1;; attempt++) {
				try {
					IngestResult result = write(batch);
					if (result.isAccepted()) {
						retain();
					}
					return result;
				}
				catch (SQLException ex) {
					String state = Rows.sqlState(ex);
					if (state != null && this.dialect.isMissingReference(state)) {
						return reject(IngestResult.Kind.INVALID_REFERENCES, IngestResult.INVALID_REFERENCES);
					}
					if (state != null && this.dialect.isUniqueViolation(state) && attempt < 3) {
						continue; // a concurrent batch inserted the same new row first: the upsert now updates it
					}
					logger.debug("The local NorthStar could not store a batch", ex);
					return reject(IngestResult.Kind.SERVER_ERROR, IngestResult.INTERNAL_ERROR);
				}
			}
		}
		finally {
			if (serial) {
				this.writeLock.unlock();
			}
		}
	}

	private IngestResult write(JsonNode batch) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				IngestResult.Kind failure = this.writer.write(connection, batch);
				if (failure != null) {
					connection.rollback();
					return reject(failure, (failure == IngestResult.Kind.INVALID_REFERENCES)
							? IngestResult.INVALID_REFERENCES : IngestResult.INTERNAL_ERROR);
				}
				connection.commit();
				this.acceptedBatches.incrementAndGet();
				return new IngestResult(IngestResult.Kind.ACCEPTED, null);
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

	/** Deletes the oldest runs beyond the limit; a failure is logged and tried again after the next batch. */
	private void retain() {
		if (!this.retentionLock.tryLock()) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				int deleted = Retention.retain(connection, this.maxRuns);
				connection.commit();
				if (deleted > 0) {
					logger.debug("Deleted the {} oldest runs of the local NorthStar (max-runs {})", deleted,
							this.maxRuns);
				}
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("The local NorthStar could not delete its oldest runs", ex);
		}
		finally {
			this.retentionLock.unlock();
		}
	}

	@Override
	public IngestResult reject(IngestResult.Kind kind, String message) {
		this.rejectedBatches.incrementAndGet();
		synchronized (this.rejectionMessages) {
			this.rejectionMessages.addLast(message);
			while (this.rejectionMessages.size() > LocalStore.MAX_REJECTION_MESSAGES) {
				this.rejectionMessages.removeFirst();
			}
		}
		return new IngestResult(kind, message);
	}

	@Override
	public PromptRegistry prompts() {
		return this.prompts;
	}

	/**
	 * Returns the read side: runs list, run, session, overview and export.
	 * @return the queries
	 */
	public TraceQueries queries() {
		return this.queries;
	}

	/**
	 * Returns the database this store runs on.
	 * @return the dialect
	 */
	public Dialect dialect() {
		return this.dialect;
	}

	/**
	 * Returns the most runs kept.
	 * @return the limit
	 */
	public int maxRuns() {
		return this.maxRuns;
	}

	/**
	 * Returns how many records of each kind are stored.
	 * @return the counts
	 */
	public LocalStore.Counts counts() {
		try (Connection connection = this.dataSource.getConnection()) {
			return new LocalStore.Counts(count(connection, "sessions"), count(connection, "runs"),
					count(connection, "spans"), count(connection, "events"), count(connection, "scores"),
					count(connection, "prompt_trace_links"));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not count the stored records: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns how many batches this store accepted since it was opened.
	 * @return the number of accepted batches
	 */
	public int acceptedBatches() {
		return this.acceptedBatches.get();
	}

	/**
	 * Returns how many batches this store rejected since it was opened.
	 * @return the number of rejected batches
	 */
	public int rejectedBatches() {
		return this.rejectedBatches.get();
	}

	/**
	 * Returns the error texts of the batches rejected since the store was opened, oldest first (the last
	 * {@value LocalStore#MAX_REJECTION_MESSAGES}).
	 * @return the messages
	 */
	public List<String> rejectionMessages() {
		synchronized (this.rejectionMessages) {
			return List.copyOf(this.rejectionMessages);
		}
	}

	/**
	 * Closes the store's own connection pool; a store on a caller's data source leaves it open. Idempotent.
	 */
	@Override
	public void close() {
		if (this.ownedDataSource != null) {
			this.ownedDataSource.close();
		}
	}

	@Override
	public String toString() {
		return "JdbcStore[" + this.dialect + ", maxRuns=" + this.maxRuns + "]";
	}

	private static int count(Connection connection, String table) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
