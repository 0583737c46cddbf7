package dev.newsflow.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Deterministic article ids: from the canonical URL when the item has a usable link, else from its GUID.
 * The same story reached through two feeds gets one id; restarting ingest gives the same ids again.
 */
public final class ArticleId {

    private static final int ID_BYTES = 12;

    private ArticleId() {
    }

    /** The id for an item with this link and GUID, or empty when it has neither. */
    public static Optional<String> of(String link, String guid) {
        Optional<String> canonical = CanonicalUrl.of(link);
        if (canonical.isPresent()) {
            return canonical.map(url -> hash("url:" + url));
        }
        if (guid != null && !guid.isBlank()) {
            return Optional.of(hash("guid:" + guid.strip()));
        }
        return Optional.empty();
    }

    private static String hash(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
