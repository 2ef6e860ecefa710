/**
 * The export pipeline: the bounded queue application threads record into, and the one consumer that cuts batches,
 * sends them, and settles every record exactly once (sent, or dropped for a counted reason). Not API: subject to
 * change without notice.
 */
@NullMarked
package ai.northstar.internal.export;

import org.jspecify.annotations.NullMarked;
