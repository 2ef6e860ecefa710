/**
 * Prompts kept in NorthStar as versioned templates: {@link ai.northstar.prompt.Prompts} pulls them (by label or exact
 * version) and caches them, {@link ai.northstar.prompt.Prompt#compile(java.util.Map)} fills their placeholders, and
 * {@link ai.northstar.prompt.CompiledPrompt#bind()} links the result to the model span that used it.
 */
@NullMarked
package ai.northstar.prompt;

import org.jspecify.annotations.NullMarked;
