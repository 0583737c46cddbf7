package dev.newsflow.publish.feed;

import dev.newsflow.contract.EnrichedArticle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * HTTP validators of a feed: an {@code ETag} from the entry ids and enrichment times, a {@code Last-Modified} from the
 * latest enrichment time, and the conditional-request rule of RFC 9110 (If-None-Match wins over If-Modified-Since).
 */
public final class FeedValidators {

    private FeedValidators() {
    }

    /** A strong entity tag, quoted: a hash of the format, and of each entry's id and enrichment time, in order. */
    public static String etag(FeedFormat format, List<EnrichedArticle> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(format.extension().getBytes(StandardCharsets.UTF_8));
            for (EnrichedArticle article : entries) {
                digest.update((byte) 0);
                digest.update(article.id().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(String.valueOf(article.enrichedAt()).getBytes(StandardCharsets.UTF_8));
            }
            byte[] hash = digest.digest();
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The latest enrichment time, to the second (HTTP dates have no fractions); empty without entries. */
    public static Optional<Instant> lastModified(List<EnrichedArticle> entries) {
        return entries.stream().map(EnrichedArticle::enrichedAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).map(instant -> instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * Whether the client's copy is current, so the answer is 304.
     *
     * @param ifNoneMatch     the If-None-Match header, may be null
     * @param ifModifiedSince the If-Modified-Since header, may be null; ignored when If-None-Match is present
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag,
                                      Optional<Instant> lastModified) {
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || weak(tag).equals(weak(etag))) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && lastModified.isPresent()) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !lastModified.get().isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /** The tag without a weak prefix: If-None-Match compares weakly. */
    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
