package ai.northstar.spring.langchain4j.app;

import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.spring.langchain4j.LookupChatModel;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * A Spring Boot application on LangChain4j written with no tracing code: a chat model bean, an AI service bean with a
 * tool, and a service whose {@code @NorthstarTrace} method asks the AI service.
 */
@SpringBootApplication
public class LangChain4jAgentApplication {

	@Bean
	LookupChatModel chatModel() {
		return new LookupChatModel();
	}

	@Bean
	Assistant assistant(ChatModel chatModel) {
		return AiServices.builder(Assistant.class).chatModel(chatModel).tools(new LookupTool()).build();
	}

	/**
	 * The AI service.
	 */
	public interface Assistant {

		String ask(String question);

	}

	/**
	 * The AI service's tool.
	 */
	public static class LookupTool {

		@Tool(name = "lookup", value = "Looks a question up")
		public String lookup(String query) {
			return "trouvé « " + query + " » 🔎";
		}

	}

	/**
	 * The application's entry point, traced.
	 */
	@Service
	public static class HelpDesk {

		private final Assistant assistant;

		HelpDesk(Assistant assistant) {
			this.assistant = assistant;
		}

		@NorthstarTrace(name = "help-desk")
		public String help(String question) {
			return this.assistant.ask(question);
		}

	}

}
