package ai.northstar.usage;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import ai.northstar.Northstar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests, from a package of the application's, that {@link Northstar.Builder}'s settings, declared in a
 * package-private superclass, are public methods of {@code Northstar.Builder} itself, reflection included (as a
 * framework that binds a builder by reflection calls them).
 */
class BuilderReflectionTests {

	@Test
	void shouldExposeEverySettingAsAPublicMethodOfTheBuilderItself() throws Exception {
		List<Method> settings = Arrays.stream(Northstar.Builder.class.getMethods())
			.filter((method) -> method.getDeclaringClass() != Object.class)
			.toList();
		assertThat(settings).extracting(Method::getName)
			.contains("apiKey", "projectId", "endpoint", "capture", "transport", "maxQueueSize", "debug", "build");
		assertThat(settings).allSatisfy((method) -> {
			assertThat(method.getDeclaringClass()).isEqualTo(Northstar.Builder.class);
			assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
		});
		Northstar.Builder builder = Northstar.builder();
		Object returned = Northstar.Builder.class.getMethod("apiKey", String.class).invoke(builder, "ns_reflected");
		assertThat(returned).isSameAs(builder);
		Northstar.Builder.class.getMethod("endpoint", String.class).invoke(builder, "http://127.0.0.1:9/ingest");
		try (Northstar client = (Northstar) Northstar.Builder.class.getMethod("build").invoke(builder)) {
			assertThat(client.endpoint()).hasToString("http://127.0.0.1:9/ingest");
		}
	}

}
