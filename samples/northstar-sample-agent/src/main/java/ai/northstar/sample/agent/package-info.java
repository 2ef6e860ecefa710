/**
 * The research agent: its HTTP endpoint, its traced loop and the demo mode.
 */
@NullMarked
package ai.northstar.sample.agent;

import org.jspecify.annotations.NullMarked;
