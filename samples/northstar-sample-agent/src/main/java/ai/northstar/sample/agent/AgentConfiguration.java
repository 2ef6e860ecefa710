package ai.northstar.sample.agent;

import ai.northstar.sample.tools.ResearchTools;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's Spring AI wiring: a {@link ChatClient} from the auto-configured builder (which the NorthStar starter
 * traces), with the research tools, and how a failing tool is told to the model.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

	/**
	 * The agent's chat client.
	 * @param builder Spring AI's auto-configured builder
	 * @param tools the tools
	 * @return the client
	 */
	@Bean
	ChatClient researchChatClient(ChatClient.Builder builder, ResearchTools tools) {
		return builder.defaultSystem(ResearchAgent.SYSTEM_PROMPT).defaultTools(tools).build();
	}

	/**
	 * Tells the model a tool failed with {@code error: <message>}, as the sample's model expects; NorthStar still
	 * ends the tool's span {@code error} with the exception.
	 * @return the processor
	 */
	@Bean
	ToolExecutionExceptionProcessor toolExecutionExceptionProcessor() {
		return (exception) -> "error: "
				+ ((exception.getCause() != null) ? exception.getCause().getMessage() : exception.getMessage());
	}

}
