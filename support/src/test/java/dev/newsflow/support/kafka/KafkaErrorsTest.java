package dev.newsflow.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaErrorsTest {

    static Stream<Throwable> fatal() {
        return Stream.of(new ProducerFencedException("newer instance"), new FencedInstanceIdException("fenced"),
                new OutOfOrderSequenceException("sequence"), new AuthorizationException("denied"),
                new TransactionalIdAuthorizationException("denied"), new TopicAuthorizationException("denied"),
                new ClusterAuthorizationException("denied"), new AuthenticationException("who?"),
                new SaslAuthenticationException("bad password"), new UnsupportedVersionException("old broker"));
    }

    static Stream<Throwable> recoverable() {
        return Stream.of(new TimeoutException("slow"), new NotEnoughReplicasException("replicas"),
                new KafkaException("broker gone"), new InvalidProducerEpochException("abort and go on"),
                new InvalidPidMappingException("abort and go on"), new TransactionAbortableException("abort"),
                new RecordTooLargeException("big"), new SerializationException("bad record"),
                new InterruptException(new InterruptedException()), new IllegalStateException("not Kafka's"));
    }

    @ParameterizedTest
    @MethodSource("fatal")
    void shouldTreatFencingAuthAndVersionErrorsAsFatal(Throwable error) {
        assertThat(KafkaErrors.isFatal(error)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("recoverable")
    void shouldLeaveOtherErrorsToRetryOrAbort(Throwable error) {
        assertThat(KafkaErrors.isFatal(error)).isFalse();
    }

    @Test
    void shouldFindAFatalErrorWrappedByTheClient() {
        KafkaException errorState = new KafkaException("Cannot execute transactional method because we are in an "
                + "error state", new TopicAuthorizationException("denied"));

        assertThat(KafkaErrors.isFatal(errorState)).isTrue();
        assertThat(KafkaErrors.isFatal(new ExecutionException(new ProducerFencedException("fenced")))).isTrue();
        assertThat(KafkaErrors.isFatal(new KafkaException("wrapped", new TimeoutException("slow")))).isFalse();
    }

    @Test
    void shouldEndOnACycleOfCauses() {
        KafkaException first = new KafkaException("first");
        KafkaException second = new KafkaException("second", first);
        first.initCause(second);

        assertThat(KafkaErrors.isFatal(first)).isFalse();
        assertThat(KafkaErrors.isFatal(null)).isFalse();
    }
}
