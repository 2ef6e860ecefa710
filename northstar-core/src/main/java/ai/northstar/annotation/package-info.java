/**
 * Annotations that trace Spring bean methods: {@link ai.northstar.annotation.NorthstarTrace} starts a run,
 * {@link ai.northstar.annotation.NorthstarSpan} a span inside it. The Spring Boot starter applies them.
 */
@NullMarked
package ai.northstar.annotation;

import org.jspecify.annotations.NullMarked;
