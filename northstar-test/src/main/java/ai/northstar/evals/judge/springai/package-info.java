/**
 * A judge model on a Spring AI {@code ChatModel}; needs {@code spring-ai-model} on the class path.
 */
@NullMarked
package ai.northstar.evals.judge.springai;

import org.jspecify.annotations.NullMarked;
