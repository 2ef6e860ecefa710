/**
 * Auto-configuration of NorthStar prompts: the {@link ai.northstar.prompt.Prompts} bean and its
 * {@code northstar.prompts.*} properties.
 */
@NullMarked
package ai.northstar.autoconfigure.prompt;

import org.jspecify.annotations.NullMarked;
