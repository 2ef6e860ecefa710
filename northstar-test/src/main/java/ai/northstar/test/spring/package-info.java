/**
 * Spring Boot tests that trace into a {@link ai.northstar.test.NorthstarRecorder}:
 * {@link ai.northstar.test.spring.AutoConfigureNorthstarRecorder @AutoConfigureNorthstarRecorder}.
 */
@NullMarked
package ai.northstar.test.spring;

import org.jspecify.annotations.NullMarked;
