package ai.northstar.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reads fallback templates, {@code {name}.txt} in UTF-8, from a location: {@code classpath:} followed by a folder of
 * the class path (such as {@code classpath:/northstar/prompts/}), {@code file:} followed by a folder URI or path, or
 * a plain folder path. A name that could leave the folder (holding {@code /}, {@code \}, a control character, or
 * {@code ..} as a whole) has no fallback.
 */
final class FallbackPrompts {

	/** The most characters of a template, as the backend allows. */
	static final int MAX_CONTENT_LENGTH = 65_536;

	/** The most bytes read of a file: enough for the longest template in UTF-8. */
	private static final int MAX_FILE_BYTES = 4 * MAX_CONTENT_LENGTH;

	private static final String CLASSPATH_PREFIX = "classpath:";

	private static final String FILE_PREFIX = "file:";

	private final String location;

	private final @Nullable String classpathFolder;

	private final @Nullable Path folder;

	private FallbackPrompts(String location, @Nullable String classpathFolder, @Nullable Path folder) {
		this.location = location;
		this.classpathFolder = classpathFolder;
		this.folder = folder;
	}

	/**
	 * Returns the fallback templates of a location.
	 * @throws IllegalArgumentException when the location is blank or not a valid path
	 */
	static FallbackPrompts of(String location) {
		Objects.requireNonNull(location, "fallbackLocation must not be null");
		String trimmed = location.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("fallbackLocation must not be blank");
		}
		if (trimmed.startsWith(CLASSPATH_PREFIX)) {
			String folder = trimmed.substring(CLASSPATH_PREFIX.length());
			while (folder.startsWith("/")) {
				folder = folder.substring(1);
			}
			if (!folder.isEmpty() && !folder.endsWith("/")) {
				folder = folder + "/";
			}
			return new FallbackPrompts(trimmed, folder, null);
		}
		try {
			return new FallbackPrompts(trimmed, null, folder(trimmed));
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException("fallbackLocation must be classpath:<folder>, file:<folder> or a folder"
					+ " path, was '" + location + "': " + ex.getMessage(), ex);
		}
	}

	private static Path folder(String location) {
		if (!location.startsWith(FILE_PREFIX)) {
			return Path.of(location);
		}
		String path = location.substring(FILE_PREFIX.length());
		if (path.startsWith("/")) {
			try {
				return Path.of(URI.create(location));
			}
			catch (IllegalArgumentException | FileSystemNotFoundException ex) {
				// Not a valid URI (such as a blank in the path): the text after file: is the path.
			}
		}
		return Path.of(path);
	}

	/** The location as configured. */
	String location() {
		return this.location;
	}

	/** The file name a prompt's fallback has. */
	static String fileName(String name) {
		return name + ".txt";
	}

	/**
	 * Reads the fallback of a prompt.
	 * @return the template, {@code null} when there is none
	 * @throws IOException when the file exists but cannot be read, or is longer than a template may be
	 */
	@Nullable String read(String name) throws IOException {
		if (!isSafe(name)) {
			return null;
		}
		String file = fileName(name);
		if (this.classpathFolder != null) {
			ClassLoader loader = classLoader();
			try (InputStream in = loader.getResourceAsStream(this.classpathFolder + file)) {
				return (in != null) ? text(in) : null;
			}
		}
		Path path = Objects.requireNonNull(this.folder).resolve(file);
		if (!Files.isRegularFile(path)) {
			return null;
		}
		try (InputStream in = Files.newInputStream(path)) {
			return text(in);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private static ClassLoader classLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : FallbackPrompts.class.getClassLoader();
	}

	private static String text(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (bytes.length > MAX_FILE_BYTES || text.length() > MAX_CONTENT_LENGTH) {
			throw new IOException("the file is longer than " + MAX_CONTENT_LENGTH + " characters");
		}
		return text;
	}

	private static boolean isSafe(String name) {
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '/' || c == '\\' || c < ' ' || c == 0x7f) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return this.location;
	}

}
