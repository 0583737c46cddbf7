package dev.newsflow.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives integration tests a Kafka broker: as a parameter of type {@link KafkaBroker} of test, lifecycle and
 * constructor methods, and in non-final fields of that type, static or not. Use it with {@link WithKafka}.
 *
 * <p>All the tests of a JVM share one broker, started when first needed and stopped after the last test. It is, in
 * this order: the broker at {@code KAFKA_BOOTSTRAP_SERVERS} if that environment variable is set; a Testcontainers
 * broker ({@code apache/kafka-native}) if {@code org.testcontainers:testcontainers-kafka} is on the test class path
 * and Docker is available; otherwise an {@link EmbeddedKafkaBroker}. The environment variable
 * {@code NEWSFLOW_KAFKA_BROKER=embedded} (or {@code container}) skips the question of Docker. The choice and its
 * reason are logged at INFO.
 *
 * <p>As tests share the broker, they use their own topic, group and transactional id names, e.g. from
 * {@link KafkaBroker#uniqueName(String)}, or tolerate what other tests left in the topics they share.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    /** The broker shared by all tests of this JVM, started if needed; for other extensions that need Kafka. */
    public static KafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, type -> SharedBroker.start(), SharedBroker.class)
                .broker();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        inject(context.getRequiredTestClass(), null, context);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        inject(testInstance.getClass(), testInstance, context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    private static void inject(Class<?> testClass, Object testInstance, ExtensionContext context)
            throws IllegalAccessException {
        boolean statics = testInstance == null;
        for (Field field : ReflectionSupport.findFields(testClass,
                field -> field.getType() == KafkaBroker.class && Modifier.isStatic(field.getModifiers()) == statics,
                HierarchyTraversalMode.TOP_DOWN)) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("Cannot inject a KafkaBroker into final field " + field);
            }
            field.setAccessible(true);
            field.set(testInstance, broker(context));
        }
    }
}
