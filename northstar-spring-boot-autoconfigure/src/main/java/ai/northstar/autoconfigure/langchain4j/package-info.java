/**
 * Auto-configuration of the LangChain4j integration: the {@code NorthstarLangChain4j} tracing, its chat model
 * listener bean, the bean post-processor of {@code ai.northstar.spring.langchain4j}, and the
 * {@code northstar.langchain4j.*} properties.
 */
@NullMarked
package ai.northstar.autoconfigure.langchain4j;

import org.jspecify.annotations.NullMarked;
