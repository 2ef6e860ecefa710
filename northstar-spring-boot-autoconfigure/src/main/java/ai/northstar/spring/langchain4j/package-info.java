/**
 * LangChain4j in Spring: the bean post-processor that instruments LangChain4j models and AI services with the
 * {@code northstar-langchain4j} module, with no application code.
 */
@NullMarked
package ai.northstar.spring.langchain4j;

import org.jspecify.annotations.NullMarked;
