package ai.northstar.spring.context;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import ai.northstar.TraceContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes the current NorthStar trace follow tasks into the application's own executor beans, the ones Boot does not
 * build: {@code @Bean ThreadPoolTaskExecutor taskExecutor()} created with {@code new}, a {@code TaskScheduler}, an
 * {@code ExecutorService} from {@link java.util.concurrent.Executors}.
 * <ul>
 * <li>An executor that takes a {@link TaskDecorator} ({@code ThreadPoolTaskExecutor}, {@code ThreadPoolTaskScheduler},
 * {@code SimpleAsyncTaskExecutor}, {@code SimpleAsyncTaskScheduler}, {@code ConcurrentTaskExecutor} and their
 * subclasses) gets the {@link NorthstarTaskDecorator}, composed with the decorator it already has, which stays
 * outermost: its work (an MDC copy, a security context) wraps the task run in the caller's trace.</li>
 * <li>Any other {@link Executor} bean whose declared type is an interface ({@code ExecutorService},
 * {@code ScheduledExecutorService}, {@code Executor}) or whose class is not public is replaced by a proxy of its
 * interfaces that wraps each submitted {@code Runnable} and {@code Callable} (also those of {@code invokeAll} and
 * {@code invokeAny}) in the submitter's trace.</li>
 * <li>An executor declared with a concrete class that takes no decorator (for example
 * {@code @Bean ThreadPoolExecutor}) cannot be changed without breaking the code that injects it: it is left as it
 * is, with one log line saying how to keep the trace ({@link TraceContext#wrap(Runnable)},
 * {@link TraceContext#taskWrapping(Executor)}).</li>
 * </ul>
 * A task submitted outside any trace runs as it would without NorthStar; a periodic one runs in the submitter's
 * trace the first time only.
 *
 * @since 0.1.0
 */
public final class NorthstarExecutorBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(NorthstarExecutorBeanPostProcessor.class);

	private final NorthstarTaskDecorator decorator = new NorthstarTaskDecorator();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (!(bean instanceof Executor) || isWrapping(bean)) {
			return bean;
		}
		try {
			if (AopUtils.isAopProxy(bean)) {
				logger.debug("NorthStar leaves executor bean '" + beanName + "' as it is: it is an AOP proxy");
				return bean;
			}
			if (decorate(bean)) {
				return bean;
			}
			if (replaceableByInterfaces(bean, beanName)) {
				return wrap((Executor) bean);
			}
			logger.info("NorthStar cannot carry traces into executor bean '" + beanName + "' (declared as "
					+ bean.getClass().getName() + ", which takes no TaskDecorator): declare it as an ExecutorService, "
					+ "or submit TraceContext.current().wrap(task)");
		}
		catch (RuntimeException ex) {
			logger.warn("NorthStar could not carry traces into executor bean '" + beanName + "': " + ex);
		}
		return bean;
	}

	/**
	 * Adds the decorator to an executor that takes one, keeping the decorator it has.
	 */
	private boolean decorate(Object bean) {
		Method setter = ReflectionUtils.findMethod(bean.getClass(), "setTaskDecorator", TaskDecorator.class);
		Field field = ReflectionUtils.findField(bean.getClass(), "taskDecorator", TaskDecorator.class);
		if (setter == null || field == null || !Modifier.isPublic(setter.getModifiers())) {
			return false;
		}
		ReflectionUtils.makeAccessible(field);
		Object existing = ReflectionUtils.getField(field, bean);
		if (existing == this.decorator || existing instanceof NorthstarTaskDecorator) {
			return true;
		}
		TaskDecorator composed = (existing instanceof TaskDecorator decorator)
				? new CompositeTaskDecorator(List.of(this.decorator, decorator)) : this.decorator;
		ReflectionUtils.invokeMethod(setter, bean, composed);
		return true;
	}

	private boolean replaceableByInterfaces(Object bean, String beanName) {
		if (!Modifier.isPublic(bean.getClass().getModifiers())) {
			return true;
		}
		Class<?> declared = declaredType(beanName);
		return declared != null && declared.isInterface();
	}

	private @Nullable Class<?> declaredType(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		if (definition instanceof RootBeanDefinition root) {
			Method factoryMethod = root.getResolvedFactoryMethod();
			if (factoryMethod != null) {
				return factoryMethod.getReturnType();
			}
		}
		return null;
	}

	private static Object wrap(Executor executor) {
		Class<?>[] interfaces = Arrays.stream(ClassUtils.getAllInterfacesForClass(executor.getClass()))
			.filter((type) -> Modifier.isPublic(type.getModifiers()))
			.toArray(Class<?>[]::new);
		ClassLoader loader = executor.getClass().getClassLoader();
		return Proxy.newProxyInstance((loader != null) ? loader : ClassUtils.getDefaultClassLoader(), interfaces,
				new Wrapping(executor));
	}

	private static boolean isWrapping(Object bean) {
		return Proxy.isProxyClass(bean.getClass()) && Proxy.getInvocationHandler(bean) instanceof Wrapping;
	}

	/**
	 * Calls the executor with each task it is given wrapped in the caller's trace.
	 */
	private static final class Wrapping implements InvocationHandler {

		private final Executor target;

		Wrapping(Executor target) {
			this.target = target;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "NorthStar trace-propagating " + this.target;
				};
			}
			TraceContext context = TraceContext.current();
			Object[] arguments = (args == null || context.isEmpty()) ? args : wrapTasks(context, args);
			try {
				return method.invoke(this.target, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

		private static Object[] wrapTasks(TraceContext context, Object[] args) {
			Object[] wrapped = args.clone();
			for (int i = 0; i < wrapped.length; i++) {
				Object argument = wrapped[i];
				if (argument instanceof Runnable task) {
					// A periodic task (scheduleAtFixedRate, scheduleWithFixedDelay) is in the trace once.
					wrapped[i] = new FirstRunInTrace(context, task);
				}
				else if (argument instanceof Callable<?> task) {
					wrapped[i] = context.wrap(task);
				}
				else if (argument instanceof Collection<?> tasks && !tasks.isEmpty()
						&& tasks.stream().allMatch(Callable.class::isInstance)) {
					List<Callable<?>> inTrace = new ArrayList<>(tasks.size());
					tasks.forEach((task) -> inTrace.add(context.wrap((Callable<?>) task)));
					wrapped[i] = inTrace;
				}
			}
			return wrapped;
		}

	}

}
