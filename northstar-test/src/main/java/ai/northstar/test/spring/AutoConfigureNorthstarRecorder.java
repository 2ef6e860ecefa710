package ai.northstar.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import ai.northstar.test.NorthstarRecorder;

/**
 * Makes the NorthStar starter of a Spring Boot test trace into a {@link NorthstarRecorder} bean, which the test can
 * {@code @Autowired}: tracing is on with no property from the application ({@code northstar.enabled},
 * {@code northstar.api-key} and {@code northstar.endpoint} are set for the test, and nothing leaves the JVM), the
 * recorder is the client's {@code IngestTransport}, and records are flushed every 100 ms unless
 * {@code northstar.flush-interval} says otherwise.
 * <p>
 * Before each test method, what earlier tests recorded is flushed and hidden ({@link NorthstarRecorder#reset()});
 * after it, the test fails when the NorthStar backend would have refused a batch.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureNorthstarRecorder
 * class AgentTests {
 *
 *     @Autowired NorthstarRecorder recorder;
 *     @Autowired SupportAgent agent;
 *
 *     @Test
 *     void shouldSearchTheDocsWhenAsked() {
 *         this.agent.answer("¿Dónde está la factura? 🧾");
 *         assertThat(this.recorder.awaitRuns(1).get(0)).isOk().hasToolCalls("search");
 *     }
 *
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureNorthstarRecorder {

}
