package dev.newsflow.ingest.cli;

import dev.newsflow.contract.Json;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.NormalizedFeed;
import dev.newsflow.ingest.feed.ParseResult;
import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parse-feed FILE|URL [--json] [--base-url URL] [--content-type TYPE] [--feed-id ID] [--allow-private]}:
 * parses a local feed file or fetches a feed URL, normalises its items as ingest does and prints them, one per line.
 * Exit codes: 0 parsed, 1 cannot fetch or parse (one-line reason on stderr), 2 bad usage.
 */
public final class ParseFeedCommand {

    public static final String USAGE = """
            usage: parse-feed FILE|URL [--json] [--base-url URL] [--content-type TYPE] [--feed-id ID] [--allow-private]
              FILE|URL          a feed file, or an http(s) URL to fetch (public addresses only, byte and time capped)
              --json            print each article as one RawArticle JSON line (default: one readable line per article)
              --base-url URL    for a FILE: the URL it was fetched from, to resolve relative links
              --content-type T  for a FILE: the HTTP Content-Type it was served with (its charset counts)
              --feed-id ID      the feed id written into the articles (default: parse-feed)
              --allow-private   allow fetching from loopback, private and link-local addresses""";

    private ParseFeedCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("parse-feed: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        Body body = options.isUrl() ? fetch(options) : read(options);
        if (body.failure() != null) {
            err.println("parse-feed: " + oneLine(body.failure()));
            return 1;
        }
        ParseResult result = new FeedParser().parse(body.bytes(), body.contentType());
        if (result instanceof ParseResult.Invalid invalid) {
            err.println("parse-feed: " + options.source() + ": " + oneLine(invalid.reason()));
            return 1;
        }
        URI feedUri = body.uri();
        FeedDefinition definition = FeedDefinition.of(options.feedId(),
                feedUri != null ? feedUri.toString() : Path.of(options.source()).toAbsolutePath().toUri().toString());
        NormalizedFeed feed = new ArticleNormalizer(clock).normalize(((ParseResult.Parsed) result).feed(), definition,
                feedUri);
        for (RawArticle article : feed.articles()) {
            out.println(options.json() ? Json.write(article) : readable(article));
        }
        feed.skipped().forEach(item -> err.println("parse-feed: skipped item " + item.index() + " '" + item.title()
                + "': " + item.reason()));
        return 0;
    }

    static String readable(RawArticle article) {
        return String.join(" | ", article.published() == null ? "-" : article.published().toString(),
                article.title().isEmpty() ? "(untitled)" : article.title(),
                article.url() == null ? "guid:" + article.guid() : article.url());
    }

    private record Body(byte[] bytes, String contentType, URI uri, String failure) {
        static Body failed(String failure) {
            return new Body(null, null, null, failure);
        }
    }

    private static Body fetch(Options options) {
        URI uri;
        try {
            uri = URI.create(options.source());
        } catch (IllegalArgumentException e) {
            return Body.failed("not a valid URL: " + options.source());
        }
        FetchLimits limits = options.allowPrivate() ? FetchLimits.defaults().allowingPrivateAddresses()
                : FetchLimits.defaults();
        FetchResult result;
        try (HttpFetcher fetcher = new HttpFetcher(limits)) {
            result = fetcher.fetch(uri, HttpFetcher.FEED_ACCEPT);
        }
        if (result instanceof FetchResult.Fetched fetched) {
            return new Body(fetched.body(), fetched.contentType(), fetched.uri(), null);
        }
        if (result instanceof FetchResult.Failed failed) {
            return Body.failed(options.source() + ": " + failed.kind() + ": " + failed.message());
        }
        return Body.failed(options.source() + ": unexpected answer " + result);
    }

    private static Body read(Options options) {
        Path path = Path.of(options.source());
        try {
            return new Body(Files.readAllBytes(path), options.contentType(), options.baseUrl(), null);
        } catch (NoSuchFileException e) {
            return Body.failed(options.source() + ": no such file");
        } catch (IOException e) {
            return Body.failed(options.source() + ": cannot read: " + e.getMessage());
        }
    }

    static String oneLine(String text) {
        return text == null ? "unknown error" : text.replaceAll("\\s+", " ").strip();
    }

    /** The parsed command line. */
    record Options(String source, boolean json, URI baseUrl, String contentType, String feedId, boolean allowPrivate,
                   boolean help) {

        boolean isUrl() {
            return source.startsWith("http://") || source.startsWith("https://");
        }

        static Options parse(List<String> args) {
            List<String> sources = new ArrayList<>();
            boolean json = false;
            boolean allowPrivate = false;
            URI baseUrl = null;
            String contentType = null;
            String feedId = "parse-feed";
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Options("", false, null, null, feedId, false, true);
                    }
                    case "--json" -> json = true;
                    case "--allow-private" -> allowPrivate = true;
                    case "--base-url" -> baseUrl = absoluteUrl(value(args, ++i, arg));
                    case "--content-type" -> contentType = value(args, ++i, arg);
                    case "--feed-id" -> feedId = value(args, ++i, arg);
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        sources.add(arg);
                    }
                }
            }
            if (sources.size() != 1) {
                throw new IllegalArgumentException(sources.isEmpty() ? "missing FILE or URL" : "more than one FILE or URL");
            }
            String source = sources.get(0);
            boolean url = source.startsWith("http://") || source.startsWith("https://");
            if (url && (baseUrl != null || contentType != null)) {
                throw new IllegalArgumentException("--base-url and --content-type apply to a FILE, not a URL");
            }
            return new Options(source, json, baseUrl, contentType, feedId, allowPrivate, false);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size() || args.get(index).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }

        private static URI absoluteUrl(String text) {
            try {
                URI uri = new URI(text);
                if (!uri.isAbsolute()) {
                    throw new IllegalArgumentException("--base-url must be an absolute URL: " + text);
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--base-url is not a URL: " + text);
            }
        }
    }
}
