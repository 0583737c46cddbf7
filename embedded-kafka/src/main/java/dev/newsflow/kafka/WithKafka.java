package dev.newsflow.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with a Kafka broker from {@link KafkaBrokerExtension}: declare a {@link KafkaBroker} parameter or
 * field to get it.
 *
 * <pre>{@code
 * @WithKafka
 * class ArticlePublisherIT {
 *     @Test
 *     void shouldPublishArticles(KafkaBroker kafka) {
 *         ... kafka.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {
}
