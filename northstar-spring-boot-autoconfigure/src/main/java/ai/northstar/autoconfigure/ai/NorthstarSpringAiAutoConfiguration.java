package ai.northstar.autoconfigure.ai;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.NorthstarProperties;
import ai.northstar.spring.ai.NorthstarChatClientObservationHandler;
import ai.northstar.spring.ai.NorthstarEvaluations;
import ai.northstar.spring.ai.NorthstarModelObservationHandler;
import ai.northstar.spring.ai.NorthstarStreamAdvisor;
import ai.northstar.spring.ai.SpringAiTracer;
import ai.northstar.spring.ai.ToolErrorRecordingProcessor;
import io.micrometer.observation.ObservationHandler;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.evaluation.Evaluator;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of Spring AI tracing, when Spring AI is on the class path and unless
 * {@code northstar.spring-ai.enabled=false}: observation handlers for chat model rounds, tool executions and embeddings
 * ({@link NorthstarModelObservationHandler}) and for {@code ChatClient} calls
 * ({@link NorthstarChatClientObservationHandler}), registered by Spring Boot with its {@code ObservationRegistry}
 * (which the NorthStar starter brings, so no Actuator is needed); a {@link NorthstarStreamAdvisor} added to every
 * {@code ChatClient} of the auto-configured {@code ChatClient.Builder}; and a {@link ToolErrorRecordingProcessor}
 * around Spring AI's {@code ToolExecutionExceptionProcessor} bean. With tracing off (no credentials), everything
 * installed here does nothing.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class)
@ConditionalOnClass({ ChatModelObservationContext.class, ObservationHandler.class })
@ConditionalOnBooleanProperty(name = "northstar.spring-ai.enabled", matchIfMissing = true)
@ConditionalOnBean(Northstar.class)
@EnableConfigurationProperties(NorthstarSpringAiProperties.class)
public final class NorthstarSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringAiTracer northstarSpringAiTracer(ObjectProvider<Northstar> northstar, NorthstarSpringAiProperties properties,
			ObjectProvider<NorthstarProperties> northstarProperties) {
		NorthstarProperties settings = northstarProperties.getIfAvailable();
		// The client is looked up at the first Spring AI call: its WebClient transport depends on the
		// ObservationRegistry that the handlers below are registered with.
		return SpringAiTracer.builder(northstar::getObject)
			.autoTrace(properties.isAutoTrace())
			.captureEmbeddingInput(properties.isCaptureEmbeddingInput())
			.warnOnFailure(settings != null && settings.isDebug())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	NorthstarModelObservationHandler northstarModelObservationHandler(SpringAiTracer tracer) {
		return new NorthstarModelObservationHandler(tracer);
	}

	@Bean
	static BeanPostProcessor northstarToolErrorRecorder(ObjectProvider<SpringAiTracer> tracer) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ToolExecutionExceptionProcessor processor
						&& !(bean instanceof ToolErrorRecordingProcessor)) {
					SpringAiTracer available = tracer.getIfAvailable();
					return (available != null) ? new ToolErrorRecordingProcessor(processor, available) : bean;
				}
				return bean;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatClient.class)
	static class ChatClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NorthstarChatClientObservationHandler northstarChatClientObservationHandler(SpringAiTracer tracer) {
			return new NorthstarChatClientObservationHandler(tracer);
		}

		@Bean
		@ConditionalOnMissingBean
		NorthstarStreamAdvisor northstarStreamAdvisor(SpringAiTracer tracer) {
			return new NorthstarStreamAdvisor(tracer);
		}

		@Bean
		ChatClientCustomizer northstarChatClientCustomizer(NorthstarStreamAdvisor advisor) {
			return (builder) -> builder.defaultAdvisors(advisor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Evaluator.class)
	static class EvaluationsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NorthstarEvaluations northstarEvaluations(Northstar northstar) {
			return new NorthstarEvaluations(northstar);
		}

	}

}
