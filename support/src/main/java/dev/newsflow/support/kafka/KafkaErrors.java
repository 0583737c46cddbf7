package dev.newsflow.support.kafka;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Which Kafka client errors a service cannot recover from by retrying, in one place for every service.
 *
 * <p>Fatal: the client was fenced by a newer instance ({@link ProducerFencedException}, {@link
 * FencedInstanceIdException}), the producer lost its sequence ({@link OutOfOrderSequenceException}), the
 * credentials or permissions are wrong ({@link AuthenticationException}, {@link AuthorizationException} and their
 * subclasses, such as the transactional-id, cluster, topic and group authorisation errors) or the broker is too old
 * ({@link UnsupportedVersionException}). Retrying cannot help: the service stops and says why.
 *
 * <p>Not fatal here, although Kafka 4 files them with the fenced errors as "application recoverable": {@code
 * InvalidProducerEpochException} and {@code InvalidPidMappingException}. Kafka's documentation asks the application
 * to abort the transaction, which makes the producer take a new epoch and go on; when it cannot, {@code
 * abortTransaction()} fails too, and a failed abort is fatal for the callers.
 */
public final class KafkaErrors {

    private static final List<Class<? extends Throwable>> FATAL = List.of(ProducerFencedException.class,
            FencedInstanceIdException.class, OutOfOrderSequenceException.class, AuthenticationException.class,
            AuthorizationException.class, UnsupportedVersionException.class);

    private KafkaErrors() {
    }

    /**
     * Whether the error, or any error in its chain of causes, is fatal. The chain counts because clients wrap:
     * a producer in an error state throws a plain {@code KafkaException} whose cause is the original error, and
     * {@code send(...).get()} throws an {@code ExecutionException}.
     */
    public static boolean isFatal(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            for (Class<? extends Throwable> fatal : FATAL) {
                if (fatal.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
