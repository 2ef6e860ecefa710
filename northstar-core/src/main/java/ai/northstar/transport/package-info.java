/**
 * Transports that carry a serialized batch to the NorthStar ingest endpoint.
 */
@NullMarked
package ai.northstar.transport;

import org.jspecify.annotations.NullMarked;
