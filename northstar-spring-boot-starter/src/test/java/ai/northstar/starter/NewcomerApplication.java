package ai.northstar.starter;

import ai.northstar.annotation.NorthstarTrace;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/**
 * The application of the README: the starter, two properties and one annotated method.
 */
@SpringBootApplication
public class NewcomerApplication {

	@Service
	static class WeatherAgent {

		@NorthstarTrace
		public String forecast(String city) {
			return "Sunny in " + city;
		}

	}

}
