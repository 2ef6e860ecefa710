/**
 * Propagation of the current NorthStar trace onto other threads: Reactor operators, {@code @Async} methods and\n * the application's task executors.
 */
@NullMarked
package ai.northstar.spring.context;

import org.jspecify.annotations.NullMarked;
