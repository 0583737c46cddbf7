package dev.newsflow.ingest.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hash of what a feed says about an article (title and content), to notice when an item changes. */
public final class ContentHash {

    private static final int HASH_BYTES = 16;

    private ContentHash() {
    }

    public static String of(String title, String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nullToEmpty(title).strip().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(nullToEmpty(content).strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
