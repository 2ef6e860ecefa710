/**
 * The agent's tools, each traced as a {@code TOOL} span.
 */
@NullMarked
package ai.northstar.sample.tools;

import org.jspecify.annotations.NullMarked;
