package dev.newsflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // The test vector published with the Standard Webhooks reference libraries.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Clock AT_SENDING = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

    @Test
    void shouldProduceTheSpecsReferenceSignature() {
        assertThat(StandardWebhooks.signatureHeader(List.of(SECRET), MESSAGE_ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void shouldSignWithEverySecretDuringRotation() {
        String newSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String header = StandardWebhooks.signatureHeader(List.of(newSecret, SECRET), MESSAGE_ID, TIMESTAMP, BODY);

        assertThat(header.split(" ")).hasSize(2).contains(EXPECTED);
        assertThat(StandardWebhooks.verify(List.of(SECRET), MESSAGE_ID, "" + TIMESTAMP, header, BODY, AT_SENDING,
                StandardWebhooks.DEFAULT_TOLERANCE)).isTrue();
    }

    @Test
    void shouldRejectTamperedBodiesWrongSecretsAndStaleTimestamps() {
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
        Duration tolerance = StandardWebhooks.DEFAULT_TOLERANCE;

        assertThat(StandardWebhooks.verify(List.of(SECRET), MESSAGE_ID, "" + TIMESTAMP, EXPECTED,
                "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), AT_SENDING, tolerance)).isFalse();
        assertThat(StandardWebhooks.verify(List.of(otherSecret), MESSAGE_ID, "" + TIMESTAMP, EXPECTED, BODY,
                AT_SENDING, tolerance)).isFalse();
        Clock anHourLater = Clock.offset(AT_SENDING, Duration.ofHours(1));
        assertThat(StandardWebhooks.verify(List.of(SECRET), MESSAGE_ID, "" + TIMESTAMP, EXPECTED, BODY,
                anHourLater, tolerance)).isFalse();
        assertThat(StandardWebhooks.verify(List.of(SECRET), MESSAGE_ID, "soon", EXPECTED, BODY, AT_SENDING,
                tolerance)).isFalse();
        assertThat(StandardWebhooks.verify(List.of(SECRET), MESSAGE_ID, "" + Long.MIN_VALUE, EXPECTED, BODY,
                AT_SENDING, tolerance)).isFalse();
        assertThat(StandardWebhooks.verify(List.of(SECRET), MESSAGE_ID, "" + Long.MAX_VALUE, EXPECTED, BODY,
                AT_SENDING, tolerance)).isFalse();
    }

    @Test
    void shouldAcceptOnlyWellFormedSecrets() {
        assertThat(StandardWebhooks.isValidSecret(SECRET)).isTrue();
        assertThat(StandardWebhooks.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
        assertThat(StandardWebhooks.isValidSecret("whsec_not*base64")).isFalse();
        assertThat(StandardWebhooks.isValidSecret("whsec_c2hvcnQ=")).isFalse();
    }
}
