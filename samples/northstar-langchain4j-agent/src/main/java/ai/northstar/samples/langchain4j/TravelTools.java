package ai.northstar.samples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/**
 * The agent's two tools: the weather of a city, and what to pack for a forecast.
 */
public class TravelTools {

	/**
	 * Returns the weather of a city (a fixed forecast: the sample needs no network).
	 * @param city the city
	 * @return the forecast
	 */
	@Tool(name = "weather", value = "Returns the weather forecast of a city")
	public String weather(@P("the city") String city) {
		if (city.isBlank()) {
			throw new IllegalArgumentException("a city is needed");
		}
		return "ensoleillé, 24 °C à " + city + " ☀️";
	}

	/**
	 * Returns what to pack for a forecast.
	 * @param forecast the forecast
	 * @return the packing list
	 */
	@Tool(name = "packing_list", value = "Returns what to pack for a weather forecast")
	public String packingList(@P("the forecast") String forecast) {
		return forecast.contains("ensoleillé") ? "lunettes de soleil 😎, chapeau 帽子" : "parapluie ☂️";
	}

}
