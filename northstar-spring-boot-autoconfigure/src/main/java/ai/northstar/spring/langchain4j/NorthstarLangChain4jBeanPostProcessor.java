package ai.northstar.spring.langchain4j;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import ai.northstar.langchain4j.NorthstarAiServices;
import ai.northstar.langchain4j.NorthstarLangChain4j;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Instruments the application's LangChain4j beans with no code: a {@code ChatModel} that no
 * {@code NorthstarChatModelListener} records and a {@code StreamingChatModel} become a proxy of the same class
 * (so injection by the model's own type keeps working) whose model methods go through NorthStar's wrappers
 * ({@code NorthstarChatModel}, {@code NorthstarStreamingChatModel}), and an AI service built by {@code AiServices}
 * is instrumented in place ({@code NorthstarAiServices.instrumentService}). A model built with the listener (as
 * LangChain4j's Spring Boot starters do with every {@code ChatModelListener} bean, the NorthStar one included) is
 * left as it is, so nothing is recorded twice. A model whose class cannot be proxied without changing it (a final,
 * sealed or hidden class, a public final method, its own {@code chat(...)} methods) is left as it is with one INFO
 * line naming the listener as the way to trace it; any other bean that cannot be instrumented is left as it is, with a
 * debug message.
 *
 * @since 0.1.0
 */
public final class NorthstarLangChain4jBeanPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(NorthstarLangChain4jBeanPostProcessor.class);

	private static final String AI_SERVICES = "dev.langchain4j.service.AiServices";

	private final Supplier<@Nullable NorthstarLangChain4j> tracing;

	private final boolean aiServicesPresent;

	/**
	 * Creates a post-processor.
	 * @param tracing supplies the tracing, looked up at the first LangChain4j bean; {@code null} leaves beans as they
	 * are
	 */
	public NorthstarLangChain4jBeanPostProcessor(Supplier<@Nullable NorthstarLangChain4j> tracing) {
		this.tracing = tracing;
		this.aiServicesPresent = ClassUtils.isPresent(AI_SERVICES,
				NorthstarLangChain4jBeanPostProcessor.class.getClassLoader());
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		try {
			if (bean instanceof ChatModel model && !NorthstarLangChain4j.isInstrumented(model) && proxyable(bean, beanName)) {
				NorthstarLangChain4j available = this.tracing.get();
				return (available != null) ? proxy(model, ChatModel.class, available.wrap(model)) : bean;
			}
			if (bean instanceof StreamingChatModel model && !NorthstarLangChain4j.isInstrumented(model)
					&& proxyable(bean, beanName)) {
				NorthstarLangChain4j available = this.tracing.get();
				return (available != null) ? proxy(model, StreamingChatModel.class, available.wrap(model)) : bean;
			}
			if (this.aiServicesPresent && Proxy.isProxyClass(bean.getClass()) && NorthstarAiServices.isAiService(bean)) {
				NorthstarLangChain4j available = this.tracing.get();
				if (available != null) {
					available.instrumentService(bean);
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("NorthStar left the LangChain4j bean '" + beanName + "' untraced", ex);
			}
		}
		return bean;
	}

	/**
	 * Whether a model bean can be replaced by a proxy of its own class that records its calls without changing them:
	 * its class can be subclassed (a JDK proxy would change the bean's type and break injection by its class), has no
	 * public final method (which would run on the proxy's uninitialized instance), and leaves LangChain4j's
	 * {@code chat(...)} methods to the interface (they end in {@code doChat}; the wrapper calls them, so a class that
	 * implements one itself would be bypassed). Otherwise the bean is left as it is, with one line saying how to trace
	 * it: its listener.
	 */
	private static boolean proxyable(Object bean, String beanName) {
		String reason = unproxyableBecause(bean.getClass());
		if (reason != null) {
			logger.info("NorthStar leaves the LangChain4j model bean '" + beanName + "' untraced: " + reason
					+ "; add the NorthstarChatModelListener bean to its listeners to trace it");
			return false;
		}
		return true;
	}

	static @Nullable String unproxyableBecause(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers()) || type.isSealed() || type.isHidden() || Proxy.isProxyClass(type)) {
			return "its class " + type.getName() + " cannot be subclassed";
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (method.isSynthetic() || method.isBridge()) {
					continue;
				}
				if (method.getName().equals("chat")) {
					return "its class " + type.getName() + " implements chat(...) itself";
				}
				if (Modifier.isPublic(method.getModifiers()) && Modifier.isFinal(method.getModifiers())
						&& !Modifier.isStatic(method.getModifiers())) {
					return "its class " + type.getName() + " has the final method " + method.getName() + "(...)";
				}
			}
		}
		return null;
	}

	private static Object proxy(Object target, Class<?> modelType, Object wrapper) {
		ProxyFactory factory = new ProxyFactory(target);
		Class<?> type = target.getClass();
		factory.setInterfaces(ClassUtils.getAllInterfacesForClass(type, type.getClassLoader()));
		factory.setProxyTargetClass(true);
		factory.addAdvice(new ModelInterceptor(modelType, wrapper));
		return factory.getProxy(type.getClassLoader());
	}

	/**
	 * Sends the calls of the model interface's methods to the NorthStar wrapper, and every other call to the bean.
	 */
	private record ModelInterceptor(Class<?> modelType, Object wrapper) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Method method = invocation.getMethod();
			Method modelMethod = modelMethod(method);
			if (modelMethod == null) {
				return invocation.proceed();
			}
			try {
				return modelMethod.invoke(this.wrapper, invocation.getArguments());
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

		private @Nullable Method modelMethod(Method method) {
			if (method.getDeclaringClass() == Object.class) {
				return null;
			}
			try {
				return this.modelType.getMethod(method.getName(), method.getParameterTypes());
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}

	}

}
