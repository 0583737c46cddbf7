package dev.newsflow.ingest;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.dedup.Candidate;
import dev.newsflow.ingest.dedup.Deduplicator;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.NormalizedFeed;
import dev.newsflow.ingest.feed.ParseResult;
import dev.newsflow.ingest.fetch.CacheValidators;
import dev.newsflow.ingest.fetch.ContentTypes;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.fetch.LogUrls;
import dev.newsflow.ingest.fulltext.ExtractedPage;
import dev.newsflow.ingest.fulltext.FullTextExtractor;
import dev.newsflow.ingest.fulltext.FullTextPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed: fetch, parse, normalise, and fetch the full text of new or changed articles that need it.
 * Every failure becomes a {@link FeedPoll.Failed}; nothing here throws for a bad feed.
 */
final class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
    private static final Set<String> HTML_TYPES = Set.of("", "text/html", "application/xhtml+xml");

    private final HttpFetcher fetcher;
    private final FeedParser parser;
    private final ArticleNormalizer normalizer;
    private final FullTextExtractor extractor;
    private final FullTextPolicy fullTextPolicy;

    FeedPoller(HttpFetcher fetcher, FeedParser parser, ArticleNormalizer normalizer, FullTextExtractor extractor,
               FullTextPolicy fullTextPolicy) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.normalizer = normalizer;
        this.extractor = extractor;
        this.fullTextPolicy = fullTextPolicy;
    }

    /**
     * @param validators what the feed's server said last time, for a conditional GET
     * @param remembered what ingest remembers of an article id (may change concurrently; only used to skip page
     *                   fetches of articles that will not be published)
     */
    FeedPoll poll(FeedDefinition feed, CacheValidators validators, Function<String, SeenArticle> remembered) {
        FetchResult result = fetcher.fetch(feed.url(), HttpFetcher.FEED_ACCEPT, validators);
        if (result instanceof FetchResult.NotModified notModified) {
            return new FeedPoll.Unchanged(feed, notModified.validators(), notModified.hints());
        }
        if (result instanceof FetchResult.Failed failed) {
            return new FeedPoll.Failed(feed, FeedFailure.Stage.FETCH, failed.toString(), failed.hints());
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        ParseResult parsed = parser.parse(fetched.body(), fetched.contentType());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return new FeedPoll.Failed(feed, FeedFailure.Stage.PARSE, invalid.reason(), fetched.hints());
        }
        SyndFeed syndFeed = ((ParseResult.Parsed) parsed).feed();
        NormalizedFeed normalized = normalizer.normalize(syndFeed, feed, fetched.uri());
        List<Candidate> candidates = new ArrayList<>();
        int pagesFetched = 0;
        int pagesFailed = 0;
        for (RawArticle article : normalized.articles()) {
            Candidate candidate = Candidate.fromFeed(article);
            boolean willPublish = Deduplicator.decide(candidate, remembered.apply(article.id())).publishes();
            if (willPublish && fullTextPolicy.shouldFetch(feed.fullText(), article)) {
                RawArticle withFullText = fullText(feed, article);
                if (withFullText.fullText() == FullTextStatus.FETCHED) {
                    pagesFetched++;
                } else {
                    pagesFailed++;
                }
                candidates.add(candidate.withArticle(withFullText));
            } else {
                candidates.add(candidate.withArticle(fullTextPolicy.withoutFetch(feed.fullText(), article)));
            }
            if (Thread.currentThread().isInterrupted()) {
                return new FeedPoll.Failed(feed, FeedFailure.Stage.FETCH, "interrupted: ingest is stopping",
                        fetched.hints());
            }
        }
        return new FeedPoll.Polled(feed, candidates, normalized.skipped(), fetched.validators(), pagesFetched,
                pagesFailed, fetched.hints(), SyndicationHints.of(syndFeed));
    }

    private RawArticle fullText(FeedDefinition feed, RawArticle article) {
        URI page;
        try {
            page = URI.create(article.url());
        } catch (IllegalArgumentException e) {
            return failedFullText(feed, article, "the link is not a valid URL");
        }
        FetchResult result = fetcher.fetch(page, HttpFetcher.PAGE_ACCEPT);
        if (result instanceof FetchResult.Failed failed) {
            return failedFullText(feed, article, failed.toString());
        }
        if (!(result instanceof FetchResult.Fetched fetched)) {
            return failedFullText(feed, article, "unexpected answer " + result);
        }
        if (!HTML_TYPES.contains(ContentTypes.mediaType(fetched.contentType()))) {
            return failedFullText(feed, article, "the page is " + ContentTypes.mediaType(fetched.contentType())
                    + ", not HTML");
        }
        try {
            ExtractedPage extracted = extractor.extract(fetched.body(), fetched.charset().orElse(null), fetched.uri());
            RawArticle merged = fullTextPolicy.withPage(article, extracted);
            if (merged.fullText() != FullTextStatus.FETCHED) {
                log.warn("Feed {}: article {} ({}): the page yielded {} characters of text, no more than the feed's;"
                                + " publishing the feed's content", feed.id(), article.id(), LogUrls.of(page),
                        extracted.textLength());
            }
            return merged;
        } catch (RuntimeException e) {
            log.warn("Feed {}: article {} ({}): full-text extraction failed; publishing the lead", feed.id(),
                    article.id(), LogUrls.of(page), e);
            return fullTextPolicy.failed(article);
        }
    }

    private RawArticle failedFullText(FeedDefinition feed, RawArticle article, String reason) {
        log.warn("Feed {}: article {} ({}): page not fetched, publishing the lead: {}", feed.id(), article.id(),
                LogUrls.of(article.url()), reason);
        return fullTextPolicy.failed(article);
    }
}
