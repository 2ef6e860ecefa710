/**
 * Propagation of the current NorthStar trace onto other threads: Reactor operators, {@code @Async} methods and
 * Boot's task executors.
 */
@NullMarked
package ai.northstar.autoconfigure.context;

import org.jspecify.annotations.NullMarked;
