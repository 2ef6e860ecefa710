package ai.northstar.unicode;

import java.util.Random;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * Generates text the way users really send it, from a seed: every script, combining marks, zero-width and
 * bidirectional characters, supplementary characters (emoji, CJK extension B, the last code point) as valid
 * surrogate pairs, and the characters the backend cannot store (U+0000 and lone surrogates), plus the JSON
 * specials (quotes, backslashes, control characters, U+2028) and the noncharacters U+FFFE and U+FFFF.
 * <p>
 * {@link #expected(String)} is the reference for what the backend must store: an implementation of the two
 * documented rules written independently of the SDK's own.
 */
public final class HostileText {

	/** Code point ranges drawn from, each as {@code {first, last}}. */
	private static final int[][] RANGES = {
			{ 0x20, 0x7E }, // ASCII, quotes and backslash included
			{ 0x00, 0x1F }, // control characters, U+0000 included
			{ 0x7F, 0x24F }, // DEL, C1 controls, Latin-1 and Latin Extended: é, ß, ø
			{ 0x300, 0x36F }, // combining marks
			{ 0x370, 0x3FF }, // Greek
			{ 0x400, 0x4FF }, // Cyrillic
			{ 0x590, 0x5FF }, // Hebrew (right to left)
			{ 0x600, 0x6FF }, // Arabic (right to left)
			{ 0x900, 0x97F }, // Devanagari
			{ 0xE00, 0xE7F }, // Thai
			{ 0x2000, 0x206F }, // punctuation: zero-width, bidirectional marks, U+2028, U+2029
			{ 0x3040, 0x30FF }, // Hiragana and Katakana
			{ 0x4E00, 0x9FFF }, // CJK
			{ 0xAC00, 0xD7A3 }, // Hangul
			{ 0xD800, 0xDFFF }, // lone surrogates
			{ 0xFE00, 0xFFFF }, // variation selectors, BOM, specials, U+FFFE, U+FFFF
			{ 0x1F300, 0x1FAFF }, // emoji
			{ 0x20000, 0x2A6DF }, // CJK extension B
			{ 0x10FFF0, 0x10FFFF }, // the last plane
	};

	private static final int[] ALWAYS = { 0x0, 0xFFFF, 0xD83D, 0xDE00, 0x1F600, 0x1F468, 0x200D };

	private final Random random;

	private int drawn;

	/**
	 * Creates a generator.
	 * @param seed the seed: the same seed draws the same text
	 */
	public HostileText(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Draws a string of 0 to {@code maxLength} UTF-16 units (a little more when the last character is a pair).
	 * Every twentieth string is one of a few fixed ones that hold U+0000, U+FFFF, lone halves and a family emoji
	 * (a sequence joined by U+200D).
	 * @param maxLength the most UTF-16 units
	 * @return the text
	 */
	public String next(int maxLength) {
		this.drawn++;
		if (this.drawn % 20 == 0) {
			StringBuilder fixed = new StringBuilder();
			for (int codePoint : ALWAYS) {
				fixed.appendCodePoint(codePoint);
			}
			return fixed.append("é中😀").toString();
		}
		int length = this.random.nextInt(maxLength + 1);
		StringBuilder text = new StringBuilder(length + 1);
		while (text.length() < length) {
			int[] range = RANGES[this.random.nextInt(RANGES.length)];
			int codePoint = range[0] + this.random.nextInt(range[1] - range[0] + 1);
			if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
				text.append((char) codePoint);
			}
			else {
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	/**
	 * Returns how many strings were drawn.
	 * @return the count
	 */
	public int drawn() {
		return this.drawn;
	}

	/**
	 * Returns what the backend must store for a recorded string: the same characters, without U+0000, with each
	 * unpaired surrogate replaced by U+FFFD.
	 * @param recorded the recorded text
	 * @return the stored text
	 */
	public static String expected(String recorded) {
		// String.codePoints() yields a lone surrogate as a code point of its own, a valid pair as one code point.
		int[] codePoints = recorded.codePoints()
			.filter((codePoint) -> codePoint != 0)
			.map((codePoint) -> (codePoint >= 0xD800 && codePoint <= 0xDFFF) ? 0xFFFD : codePoint)
			.toArray();
		return new String(codePoints, 0, codePoints.length);
	}

	/**
	 * Makes an exception of a class generated at run time with the given package and simple name, so that an
	 * error's {@code type} and {@code module} can hold any text the JVM accepts in a class name.
	 * @param packageName the package name
	 * @param simpleName the simple class name
	 * @param message the message
	 * @return the exception
	 */
	public static RuntimeException exception(String packageName, String simpleName, String message) {
		try {
			Class<? extends RuntimeException> type = new ByteBuddy().with(TypeValidation.DISABLED)
				.subclass(RuntimeException.class)
				.name(packageName + "." + simpleName)
				.make()
				.load(HostileText.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
				.getLoaded();
			RuntimeException exception = type.getConstructor(String.class).newInstance(message);
			return exception;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
