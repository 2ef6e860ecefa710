package ai.northstar.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes random (version 4) record ids without the cost and contention of {@link UUID#randomUUID()}'s
 * {@code SecureRandom}: ids must be unique, not unpredictable. Not API: subject to change without notice.
 *
 * @since 0.1.0
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * Returns a new random id.
	 * @return a version 4, IETF variant UUID
	 */
	public static UUID random() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
		return new UUID(most, least);
	}

}
