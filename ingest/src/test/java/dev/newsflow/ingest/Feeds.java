package dev.newsflow.ingest;

import java.util.List;
import java.util.stream.Collectors;

/** Feeds written for tests. */
public final class Feeds {

    private Feeds() {
    }

    /** An RSS 2.0 feed whose items link to {@code base + "/articles/" + slug}. */
    public static String rss(String title, String base, List<String> slugs) {
        return rss(title, base, slugs, slug -> "Lead of " + slug + ".");
    }

    public static String rss(String title, String base, List<String> slugs,
                             java.util.function.Function<String, String> description) {
        String items = slugs.stream().map(slug -> """
                    <item>
                      <title>Story %s</title>
                      <link>%s/articles/%s?utm_source=rss</link>
                      <guid isPermaLink="false">%s</guid>
                      <description><![CDATA[<p>%s</p>]]></description>
                      <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
                    </item>
                """.formatted(slug, base, slug, slug, description.apply(slug))).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>%s</title><link>%s</link><description>test</description>
                %s</channel></rss>
                """.formatted(title, base, items);
    }

    public static String doctypeAttack(String fileUri) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s">]>
                <rss version="2.0"><channel><title>&xxe;</title>
                <item><title>&xxe;</title><link>https://example.org/xxe</link></item></channel></rss>
                """.formatted(fileUri);
    }

    public static String htmlPage() {
        return "<!DOCTYPE html><html><head><title>Not a feed</title></head><body><p>Welcome</p></body></html>";
    }
}
