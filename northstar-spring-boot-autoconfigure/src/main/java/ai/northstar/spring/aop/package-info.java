/**
 * The aspect behind {@link ai.northstar.annotation.NorthstarTrace} and {@link ai.northstar.annotation.NorthstarSpan}.
 */
@NullMarked
package ai.northstar.spring.aop;

import org.jspecify.annotations.NullMarked;
