/**
 * Micrometer metrics of the NorthStar export pipeline.
 */
@NullMarked
package ai.northstar.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
