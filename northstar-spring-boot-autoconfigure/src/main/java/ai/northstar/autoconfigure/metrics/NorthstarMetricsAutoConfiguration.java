package ai.northstar.autoconfigure.metrics;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.metrics.NorthstarMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link NorthstarMeterBinder} when Micrometer is on the class path and a
 * {@link MeterRegistry} bean exists; Boot binds it to the application's registries ({@code northstar.queue.size},
 * {@code northstar.records.sent}, {@code northstar.records.dropped}, {@code northstar.flush},
 * {@code northstar.retries}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Northstar.class, MeterRegistry.class })
public final class NorthstarMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NorthstarMeterBinder northstarMeterBinder(Northstar northstar) {
		return new NorthstarMeterBinder(northstar);
	}

}
