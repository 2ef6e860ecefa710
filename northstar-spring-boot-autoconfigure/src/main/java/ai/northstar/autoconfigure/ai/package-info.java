/**
 * Auto-configuration of the Spring AI integration: observation handlers, the stream advisor and the tool-error
 * processor of {@code ai.northstar.spring.ai}, and the {@code northstar.spring-ai.*} properties.
 */
@NullMarked
package ai.northstar.autoconfigure.ai;

import org.jspecify.annotations.NullMarked;
