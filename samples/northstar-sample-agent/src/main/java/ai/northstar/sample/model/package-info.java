/**
 * A deterministic, offline stand-in for a chat model.
 */
@NullMarked
package ai.northstar.sample.model;

import org.jspecify.annotations.NullMarked;
