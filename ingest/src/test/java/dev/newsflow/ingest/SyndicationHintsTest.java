package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.ParseResult;
import dev.newsflow.ingest.schedule.FeedHints;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyndicationHintsTest {

    @Test
    void shouldReadTheRssTimeToLive() {
        FeedHints hints = hintsOf("""
                <rss version="2.0"><channel><title>t</title><link>https://example.com/</link>
                <ttl>120</ttl><item><title>a</title><link>https://example.com/a</link></item></channel></rss>
                """);

        assertThat(hints.ttlMinutes()).isEqualTo(120);
    }

    @Test
    void shouldReadTheSyndicationModule() {
        FeedHints hints = hintsOf("""
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                         xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
                  <channel rdf:about="https://example.com/"><title>t</title><link>https://example.com/</link>
                    <description>d</description><sy:updatePeriod>daily</sy:updatePeriod>
                    <sy:updateFrequency>4</sy:updateFrequency></channel>
                </rdf:RDF>
                """);

        assertThat(hints.updatePeriod()).isEqualTo("daily");
        assertThat(hints.updateFrequency()).isEqualTo(4);
        assertThat(hints.ttlMinutes()).isNull();
    }

    private static FeedHints hintsOf(String xml) {
        ParseResult result = new FeedParser().parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml");
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return SyndicationHints.of(((ParseResult.Parsed) result).feed());
    }
}
