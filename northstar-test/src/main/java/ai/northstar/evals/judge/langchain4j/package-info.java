/**
 * A judge model on a LangChain4j {@code ChatModel}; needs {@code langchain4j-core} on the class path.
 */
@NullMarked
package ai.northstar.evals.judge.langchain4j;

import org.jspecify.annotations.NullMarked;
