package ai.northstar.spring.ai.openai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * An application on Spring AI's OpenAI starter: the auto-configured OpenAI chat model, the auto-configured
 * {@code ChatClient.Builder}, one {@code @Tool}.
 */
@SpringBootApplication
public class OpenAiAgentApplication {

	@Bean
	ChatClient chatClient(ChatClient.Builder builder, WeatherTool tool) {
		return builder.defaultTools(tool).build();
	}

	/**
	 * The weather tool.
	 */
	@Component
	public static class WeatherTool {

		/**
		 * The weather.
		 * @param city the city
		 * @return the weather
		 */
		@Tool(name = "weather", description = "The current weather of a city")
		public String weather(String city) {
			return "sunny in " + city;
		}

	}

}
