package dev.newsflow.enrich;

import dev.newsflow.contract.RawArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builders of raw articles for tests. */
final class TestArticles {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-21T10:00:00Z"), ZoneOffset.UTC);

    private static volatile Enricher shared;

    private TestArticles() {
    }

    /** One enricher for all tests: building it loads language models and compiles the knowledge base. */
    static Enricher enricher() {
        Enricher instance = shared;
        if (instance == null) {
            synchronized (TestArticles.class) {
                instance = shared;
                if (instance == null) {
                    instance = Enricher.builder().clock(CLOCK).build();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    static RawArticle article(String title, String content) {
        return RawArticle.builder().id("test").feedId("test-feed").title(title).content(content).build();
    }

    static RawArticle article(String title, String content, String declaredLanguage) {
        return article(title, content).toBuilder().declaredLanguage(declaredLanguage).build();
    }

    /** Plain text as a page would serve it: one paragraph per blank-line block, line breaks as {@code <br>}. */
    static String asHtml(String plain) {
        StringBuilder html = new StringBuilder("<html><head><title>t</title><script>var x = 1;</script></head><body>");
        for (String paragraph : plain.split("\\n\\s*\\n")) {
            html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>\n");
        }
        return html.append("</body></html>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
