/**
 * The NorthStar sample: a small research agent traced with the NorthStar Spring Boot starter.
 */
@NullMarked
package ai.northstar.sample;

import org.jspecify.annotations.NullMarked;
