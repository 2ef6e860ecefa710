package ai.northstar.spring.ai.app;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import ai.northstar.SpanKind;
import ai.northstar.annotation.NorthstarSpan;
import ai.northstar.annotation.NorthstarTrace;
import ai.northstar.spring.ai.ScriptedChatModel;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * An application that uses Spring AI the way users do: a {@link ChatClient} from the auto-configured builder with
 * {@code @Tool} tools, over a provider-like chat model ({@link ScriptedChatModel#agent}), with no tracing code but
 * an {@code @NorthstarTrace} entry point and an {@code @NorthstarSpan} helper that a tool calls.
 */
@SpringBootApplication
public class SpringAiAgentApplication {

	/** The model the requests name. */
	public static final String REQUEST_MODEL = "gpt-4o";

	/** The model the responses name, priced from the bundled table as {@code gpt-4o}. */
	public static final String RESPONSE_MODEL = "gpt-4o-2024-08-06";

	@Bean
	ChatModel chatModel(ObservationRegistry registry) {
		Function<Prompt, ScriptedChatModel.Reply> script = ScriptedChatModel.agent();
		return new ScriptedChatModel(registry, REQUEST_MODEL, RESPONSE_MODEL, script);
	}

	@Bean
	ChatClient chatClient(ChatClient.Builder builder, TravelTools tools) {
		return builder.defaultSystem("Tu es un assistant de voyage. 旅行アシスタント 🧳").defaultTools(tools).build();
	}

	/**
	 * Tools the model calls: results are records (serialized as JSON by Spring AI), one tool fails.
	 */
	@Component
	public static class TravelTools {

		private final Geocoder geocoder;

		TravelTools(Geocoder geocoder) {
			this.geocoder = geocoder;
		}

		/**
		 * The weather.
		 * @param city the city
		 * @return the weather
		 */
		@Tool(name = "weather", description = "The current weather of a city")
		public Weather weather(@ToolParam(description = "the city") String city) {
			Place place = this.geocoder.locate(city);
			return new Weather(place.name(), "ensoleillé ☀️", 24);
		}

		/**
		 * The forecast.
		 * @param city the city
		 * @param days the days
		 * @return the forecast
		 */
		@Tool(name = "forecast", description = "The forecast of a city for some days")
		public List<String> forecast(String city, int days) {
			return List.of("晴れ", "雨 🌧").subList(0, Math.min(days, 2));
		}

		/**
		 * Fails.
		 * @param reason the reason
		 * @return nothing
		 */
		@Tool(name = "book_hotel", description = "Books a hotel")
		public String bookHotel(String reason) {
			throw new IllegalStateException("Hôtel complet: " + reason + " 🏨");
		}

	}

	/**
	 * A place.
	 *
	 * @param name the name
	 * @param latitude the latitude
	 */
	public record Place(String name, double latitude) {
	}

	/**
	 * The weather.
	 *
	 * @param city the city
	 * @param sky the sky
	 * @param celsius the temperature
	 */
	public record Weather(String city, String sky, int celsius) {
	}

	/**
	 * A helper the weather tool calls, traced with an annotation.
	 */
	@Component
	public static class Geocoder {

		/**
		 * Locates a city.
		 * @param city the city
		 * @return the place
		 */
		@NorthstarSpan(name = "geocode", kind = SpanKind.WORKFLOW)
		public Place locate(String city) {
			return new Place(city.toUpperCase(Locale.ROOT), 48.85);
		}

	}

	/**
	 * An agent entry point traced with an annotation, calling the chat client blocking, streamed, and inside a
	 * Reactor chain on another thread.
	 */
	@Service
	public static class TravelAgent {

		private final ChatClient chatClient;

		TravelAgent(ChatClient chatClient) {
			this.chatClient = chatClient;
		}

		/**
		 * Asks blocking.
		 * @param question the question
		 * @return the answer
		 */
		@NorthstarTrace(name = "travel-agent")
		public String ask(String question) {
			return this.chatClient.prompt().user(question).call().content();
		}

		/**
		 * Asks inside a Reactor chain on another thread.
		 * @param question the question
		 * @return the answer
		 */
		@NorthstarTrace(name = "reactive-travel-agent")
		public Mono<String> askReactive(String question) {
			return Mono.just(question)
				.publishOn(Schedulers.boundedElastic())
				.map((q) -> this.chatClient.prompt().user(q).call().content());
		}

		/**
		 * Streams the answer.
		 * @param question the question
		 * @return the answer's chunks
		 */
		@NorthstarTrace(name = "streaming-travel-agent")
		public Flux<String> stream(String question) {
			return this.chatClient.prompt().user(question).stream().content();
		}

	}

}
