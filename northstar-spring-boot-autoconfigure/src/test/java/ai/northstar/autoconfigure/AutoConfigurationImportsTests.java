package ai.northstar.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 */
class AutoConfigurationImportsTests {

	@Test
	void shouldListEveryAutoConfigurationWhenLoaded() {
		List<String> listed = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach((name) -> {
			if (name.startsWith("ai.northstar.")) {
				listed.add(name);
			}
		});
		// The scanner skips classes whose conditions do not match: give it the settings under which tracing is on
		MockEnvironment tracingOn = new MockEnvironment().withProperty("northstar.api-key", "ns_test")
			.withProperty("northstar.project-id", "abc123");
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				tracingOn);
		scanner.addIncludeFilter(new AnnotationTypeFilter(AutoConfiguration.class));
		List<String> declared = scanner.findCandidateComponents("ai.northstar.autoconfigure")
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.toList();
		assertThat(declared).hasSize(9);
		assertThat(listed).containsExactlyInAnyOrderElementsOf(declared).doesNotHaveDuplicates();
	}

}
