/**
 * The NorthStar client API: {@link ai.northstar.Northstar}, sessions, runs, spans, events and scores.
 */
@NullMarked
package ai.northstar;

import org.jspecify.annotations.NullMarked;
