package dev.newsflow.app.faults;

import java.util.Locale;

/**
 * Sizes of the fault-injection runs: small enough for CI by default, the full sizes with
 * {@code -Dnewsflow.faults.scale=long}.
 *
 * @param enrichArticles   raw articles streamed through enrich in run (a)
 * @param enrichKills      kill -9s of enrich in run (a)
 * @param brokerItems      feed items flowing through ingest, enrich and publish in run (b)
 * @param brokerKills      kill -9s of the broker in run (b)
 * @param ingestFeeds      feeds served in run (c)
 * @param ingestItems      items per feed in run (c)
 * @param ingestKills      kill -9s of ingest in run (c)
 * @param publishArticles  enriched articles delivered by webhook in run (d)
 * @param publishKills     kill -9s of publish in run (d)
 */
record FaultScale(String name, int enrichArticles, int enrichKills, int brokerItems, int brokerKills,
                  int ingestFeeds, int ingestItems, int ingestKills, int publishArticles, int publishKills) {

    static final String PROPERTY = "newsflow.faults.scale";

    static final FaultScale CI = new FaultScale("ci", 2_000, 10, 300, 1, 100, 20, 3, 1_000, 3);
    static final FaultScale LONG = new FaultScale("long", 20_000, 20, 3_000, 3, 500, 40, 10, 10_000, 10);

    /**
     * The scale {@code -Dnewsflow.faults.scale} names (ci or long), with each kill count overridable, e.g.
     * {@code -Dnewsflow.faults.brokerKills=8}.
     */
    static FaultScale current() {
        String value = System.getProperty(PROPERTY, "ci").strip().toLowerCase(Locale.ROOT);
        FaultScale scale = switch (value) {
            case "", "ci" -> CI;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be ci or long, got " + value);
        };
        return new FaultScale(scale.name, scale.enrichArticles, kills("enrichKills", scale.enrichKills),
                scale.brokerItems, kills("brokerKills", scale.brokerKills), scale.ingestFeeds, scale.ingestItems,
                kills("ingestKills", scale.ingestKills), scale.publishArticles,
                kills("publishKills", scale.publishKills));
    }

    private static int kills(String name, int otherwise) {
        return Integer.getInteger("newsflow.faults." + name, otherwise);
    }
}
