package dev.newsflow.ingest.feed;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.ingest.fulltext.FullTextMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Between the feeds topic's {@link FeedConfig} and the {@link FeedDefinition} ingest polls, with the same checks as
 * the YAML {@link FeedList}: ids of letters, digits, '.', '_' and '-'; absolute http(s) URLs; language tags.
 */
public final class FeedConfigs {

    private FeedConfigs() {
    }

    /** Everything wrong with a configured feed, empty when it can be polled. */
    public static List<String> problems(FeedConfig config) {
        List<String> problems = new ArrayList<>();
        String label = "feed '" + config.id() + "'";
        String idProblem = FeedList.idProblem(config.id());
        if (idProblem != null) {
            problems.add(label + ": " + idProblem);
        }
        FeedList.httpUrl(config.url(), label, problems);
        String languageProblem = FeedList.languageProblem(config.language());
        if (languageProblem != null) {
            problems.add(label + ": " + languageProblem);
        }
        if (config.fullText() != null) {
            try {
                FullTextMode.parse(config.fullText());
            } catch (IllegalArgumentException e) {
                problems.add(label + ": full-text " + e.getMessage());
            }
        }
        if (config.minPollInterval() != null && (config.minPollInterval().isNegative() || config.minPollInterval().isZero())) {
            problems.add(label + ": the minimum poll interval must be positive, got " + config.minPollInterval());
        }
        if (config.maxPollInterval() != null && (config.maxPollInterval().isNegative() || config.maxPollInterval().isZero())) {
            problems.add(label + ": the maximum poll interval must be positive, got " + config.maxPollInterval());
        }
        if (config.minPollInterval() != null && config.maxPollInterval() != null
                && config.maxPollInterval().compareTo(config.minPollInterval()) < 0) {
            problems.add(label + ": the maximum poll interval (" + config.maxPollInterval()
                    + ") is shorter than the minimum (" + config.minPollInterval() + ")");
        }
        return problems;
    }

    /**
     * The feed to poll.
     *
     * @param defaultMode full-text mode when the config sets none
     * @throws IllegalArgumentException with every problem, when the config cannot be polled
     */
    public static FeedDefinition toDefinition(FeedConfig config, FullTextMode defaultMode) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        FullTextMode mode = config.fullText() == null ? defaultMode : FullTextMode.parse(config.fullText());
        return new FeedDefinition(config.id(), URI.create(config.url().strip()), blankToNull(config.title()),
                blankToNull(config.language()), mode, config.enabled());
    }

    /** The config of a feed of the YAML list or an OPML import, with ingest's default poll bounds. */
    public static FeedConfig fromDefinition(FeedDefinition feed) {
        return new FeedConfig(feed.id(), feed.url().toString(), feed.title(), feed.language(),
                feed.fullText().name().toLowerCase(java.util.Locale.ROOT), feed.enabled(), null, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
