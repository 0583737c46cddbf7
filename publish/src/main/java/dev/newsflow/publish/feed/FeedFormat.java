package dev.newsflow.publish.feed;

import java.util.Arrays;
import java.util.Optional;

/** The feed formats served, by file extension. */
public enum FeedFormat {
    ATOM("atom", "application/atom+xml; charset=utf-8", "atom_1.0"),
    RSS("rss", "application/rss+xml; charset=utf-8", "rss_2.0"),
    JSON("json", "application/feed+json; charset=utf-8", null);

    private final String extension;
    private final String contentType;
    private final String romeType;

    FeedFormat(String extension, String contentType, String romeType) {
        this.extension = extension;
        this.contentType = contentType;
        this.romeType = romeType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Rome's name of the format; null for JSON Feed, which Rome does not write. */
    String romeType() {
        return romeType;
    }

    public static Optional<FeedFormat> ofExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.extension.equals(extension)).findFirst();
    }
}
