package ai.northstar.autoconfigure.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the local NorthStar ({@code northstar.local.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("northstar.local")
public class LocalNorthstarProperties {

	/** The default port of the viewer when the application has no web server, and of the standalone server. */
	public static final int DEFAULT_PORT = 4318;

	/**
	 * Whether the local NorthStar starts: by default it does when no northstar.api-key is set and the application is
	 * not run from a packaged jar; true starts it even with an API key (the app then sends to it).
	 */
	private @Nullable Boolean enabled;

	/** Directory of the embedded H2 database file. */
	private Path directory = Path.of(".northstar");

	/** Most runs kept; the oldest are deleted with their records. */
	private int maxRuns = 10_000;

	/** Port of the local NorthStar's own HTTP server when the application has no web server, or standalone. */
	private int port = DEFAULT_PORT;

	/** Address the standalone server binds to; an application's local NorthStar binds to loopback only. */
	private String address = "0.0.0.0";

	/** API key the standalone server accepts; generated and printed when unset. */
	private @Nullable String apiKey;

	/** JSON files or directories of prompt definitions to load at startup. */
	private List<Path> prompts = new ArrayList<>();

	private final Datasource datasource = new Datasource();

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public int getMaxRuns() {
		return this.maxRuns;
	}

	public void setMaxRuns(int maxRuns) {
		this.maxRuns = maxRuns;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getAddress() {
		return this.address;
	}

	public void setAddress(String address) {
		this.address = address;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public List<Path> getPrompts() {
		return this.prompts;
	}

	public void setPrompts(List<Path> prompts) {
		this.prompts = prompts;
	}

	public Datasource getDatasource() {
		return this.datasource;
	}

	/**
	 * A database server instead of the H2 file, such as a team's PostgreSQL.
	 *
	 * @since 0.1.0
	 */
	public static class Datasource {

		/** JDBC URL of a PostgreSQL (or H2) database; the H2 file of northstar.local.directory when unset. */
		private @Nullable String url;

		/** Database user. */
		private @Nullable String username;

		/** Database password. */
		private @Nullable String password;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

}
