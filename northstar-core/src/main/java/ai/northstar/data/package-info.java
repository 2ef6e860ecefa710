/**
 * Immutable values of the NorthStar ingest protocol: the records of a batch, as sent on the wire.
 */
@NullMarked
package ai.northstar.data;

import org.jspecify.annotations.NullMarked;
