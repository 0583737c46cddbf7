package dev.newsflow.app.bench;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.NormalizedFeed;
import dev.newsflow.ingest.feed.ParseResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingest's parsing plus normalising alone, on RSS feeds of 50 generated ~5 KB articles each: what one core turns
 * into raw articles per second once the bytes are in.
 */
public final class ParseBenchmark {

    private static final int FEEDS = 20;
    private static final int ITEMS = 50;
    private static final int WARM_UP_ROUNDS = 20;
    private static final int MEASURED_ROUNDS = 40;

    private ParseBenchmark() {
    }

    public static String run() {
        ArticleMix mix = ArticleMix.bundled(5_000, 11);
        List<byte[]> feeds = new ArrayList<>();
        for (int f = 0; f < FEEDS; f++) {
            StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                    + "<channel><title>Bench</title><link>https://bench.newsflow.invalid/</link><description>b"
                    + "</description>");
            for (int i = 0; i < ITEMS; i++) {
                RawArticle article = mix.next();
                rss.append("<item><title>").append(escape(article.title())).append("</title><link>")
                        .append(article.url()).append("</link><pubDate>Tue, 10 Nov 2026 12:00:00 GMT</pubDate>")
                        .append("<description>").append(escape(article.content())).append("</description></item>");
            }
            feeds.add(rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8));
        }
        FeedParser parser = new FeedParser();
        ArticleNormalizer normalizer = new ArticleNormalizer(Clock.systemUTC());
        FeedDefinition definition = FeedDefinition.of("bench", "https://bench.newsflow.invalid/feed.xml");
        URI uri = definition.url();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            parseAll(feeds, parser, normalizer, definition, uri);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long articles = 0;
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            articles += parseAll(feeds, parser, normalizer, definition, uri);
        }
        double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        return String.format(Locale.ROOT, "parse.articlesPerSecondPerCore=%.0f%nparse.cpuMsPerArticle=%.3f%n",
                articles / seconds, seconds * 1000 / articles);
    }

    private static long parseAll(List<byte[]> feeds, FeedParser parser, ArticleNormalizer normalizer,
                                 FeedDefinition definition, URI uri) {
        long articles = 0;
        for (byte[] feed : feeds) {
            ParseResult result = parser.parse(feed, "application/rss+xml");
            if (!(result instanceof ParseResult.Parsed parsed)) {
                throw new IllegalStateException("the generated feed did not parse: " + result);
            }
            NormalizedFeed normalized = normalizer.normalize(parsed.feed(), definition, uri);
            articles += normalized.articles().size();
        }
        return articles;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
