package dev.newsflow.ingest.fetch;

import java.net.URI;

/** URLs as logs show them: without query string or credentials, which sometimes carry API keys. */
public final class LogUrls {

    private LogUrls() {
    }

    public static String of(URI uri) {
        if (uri == null) {
            return "";
        }
        if (uri.getHost() == null) {
            return uri.getScheme() + ":...";
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path + (uri.getRawQuery() == null ? "" : "?...");
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        try {
            return of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }
}
