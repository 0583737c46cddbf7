package dev.newsflow.ingest.feed;

import java.net.URI;
import java.net.URISyntaxException;

/** Resolving links found in feeds. */
public final class Links {

    private Links() {
    }

    /**
     * The link made absolute against {@code base}; the link as it is when it is already absolute or cannot be
     * parsed; null when blank.
     */
    public static String resolve(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String trimmed = link.strip();
        try {
            URI uri = new URI(trimmed.replace(" ", "%20"));
            if (uri.isAbsolute() || base == null) {
                return trimmed;
            }
            return base.resolve(uri).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return trimmed;
        }
    }
}
