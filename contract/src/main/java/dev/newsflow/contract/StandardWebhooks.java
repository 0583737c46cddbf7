package dev.newsflow.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and verifying per the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> spec.
 *
 * <p>The signed content is {@code id.timestamp.body}; the signature header holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} entries, one per active secret, so a secret can be rotated without a gap.
 * Secrets are {@code whsec_} followed by base64 key bytes.
 */
public final class StandardWebhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1";

    private StandardWebhooks() {
    }

    /** The {@code webhook-signature} header value for a message signed with each of the secrets. */
    public static String signatureHeader(List<String> secrets, String messageId, long timestampSeconds, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign");
        }
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append(VERSION).append(',').append(sign(secret, messageId, timestampSeconds, body));
        }
        return header.toString();
    }

    /** Base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret. */
    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Whether a received webhook is authentic: some {@code v1} signature in the header matches one of the secrets,
     * and the timestamp is within the tolerance of the clock (which defeats replays of old messages).
     */
    public static boolean verify(List<String> secrets, String messageId, String timestampHeader, String signatureHeader,
                                 byte[] body, Clock clock, Duration tolerance) {
        if (messageId == null || timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - tolerance.getSeconds() || timestamp > now + tolerance.getSeconds()) {
            return false;
        }
        for (String secret : secrets) {
            byte[] expected = sign(secret, messageId, timestamp, body).getBytes(StandardCharsets.US_ASCII);
            for (String entry : signatureHeader.trim().split(" +")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && parts[0].equals(VERSION)
                        && MessageDigest.isEqual(expected, parts[1].getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a secret has the {@code whsec_<base64>} form. */
    public static boolean isValidSecret(String secret) {
        try {
            return secretKey(secret).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] secretKey(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("webhook secrets start with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }
}
