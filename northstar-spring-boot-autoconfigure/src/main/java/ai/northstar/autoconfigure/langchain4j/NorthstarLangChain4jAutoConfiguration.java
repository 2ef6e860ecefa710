package ai.northstar.autoconfigure.langchain4j;

import ai.northstar.Northstar;
import ai.northstar.autoconfigure.NorthstarAutoConfiguration;
import ai.northstar.autoconfigure.NorthstarProperties;
import ai.northstar.langchain4j.NorthstarChatModelListener;
import ai.northstar.langchain4j.NorthstarLangChain4j;
import ai.northstar.spring.langchain4j.NorthstarLangChain4jBeanPostProcessor;
import dev.langchain4j.model.chat.listener.ChatModelListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of LangChain4j tracing, when LangChain4j ({@code langchain4j-core}) and the
 * {@code northstar-langchain4j} module are on the class path and unless {@code northstar.langchain4j.enabled=false}:
 * a {@link NorthstarLangChain4j} with the {@code northstar.langchain4j.*} settings, its
 * {@link NorthstarChatModelListener} as a bean (LangChain4j's Spring Boot starters add every
 * {@code ChatModelListener} bean to the models they build), and a {@link NorthstarLangChain4jBeanPostProcessor} that
 * instruments the application's {@code ChatModel}, {@code StreamingChatModel} and AI-service beans (with
 * {@code langchain4j} on the class path). With tracing off (no credentials), everything installed here does nothing.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NorthstarAutoConfiguration.class)
@ConditionalOnClass({ ChatModelListener.class, NorthstarLangChain4j.class })
@ConditionalOnBooleanProperty(name = "northstar.langchain4j.enabled", matchIfMissing = true)
@ConditionalOnBean(Northstar.class)
@EnableConfigurationProperties(NorthstarLangChain4jProperties.class)
public final class NorthstarLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NorthstarLangChain4j northstarLangChain4j(ObjectProvider<Northstar> northstar,
			NorthstarLangChain4jProperties properties, ObjectProvider<NorthstarProperties> northstarProperties) {
		NorthstarProperties settings = northstarProperties.getIfAvailable();
		// The client is looked up at the first LangChain4j call, so that instrumented models need it no earlier
		return NorthstarLangChain4j.builder(northstar::getObject)
			.autoTrace(properties.isAutoTrace())
			.warnOnFailure(settings != null && settings.isDebug())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	NorthstarChatModelListener northstarChatModelListener(NorthstarLangChain4j northstarLangChain4j) {
		return northstarLangChain4j.chatModelListener();
	}

	@Bean
	static NorthstarLangChain4jBeanPostProcessor northstarLangChain4jBeanPostProcessor(
			ObjectProvider<NorthstarLangChain4j> northstarLangChain4j) {
		return new NorthstarLangChain4jBeanPostProcessor(northstarLangChain4j::getIfAvailable);
	}

}
