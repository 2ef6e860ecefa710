/**
 * The sample's built-in local NorthStar: an ingest endpoint, an in-memory store and a trace viewer.
 */
@NullMarked
package ai.northstar.sample.local;

import org.jspecify.annotations.NullMarked;
