/**
 * The aspect behind {@link ai.northstar.annotation.NorthstarTrace} and {@link ai.northstar.annotation.NorthstarSpan},
 * and its auto-configuration.
 */
@NullMarked
package ai.northstar.autoconfigure.annotation;

import org.jspecify.annotations.NullMarked;
