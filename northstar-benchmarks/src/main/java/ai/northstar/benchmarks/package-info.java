/**
 * JMH benchmarks of the NorthStar recording path, against OpenTelemetry's SDK, and of the background flusher,
 * against the JSON serialization ceiling. Not API.
 */
@NullMarked
package ai.northstar.benchmarks;

import org.jspecify.annotations.NullMarked;
