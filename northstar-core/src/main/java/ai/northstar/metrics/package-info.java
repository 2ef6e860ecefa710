/**
 * Micrometer metrics of the export pipeline. Needs {@code micrometer-core} on the class path.
 */
@NullMarked
package ai.northstar.metrics;

import org.jspecify.annotations.NullMarked;
