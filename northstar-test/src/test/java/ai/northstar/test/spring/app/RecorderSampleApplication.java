package ai.northstar.test.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application for the Spring Boot tests: an annotated agent and its tool.
 */
@SpringBootApplication
public class RecorderSampleApplication {

}
