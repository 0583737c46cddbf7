package dev.newsflow.contract;

import java.io.InputStream;

/** The JSON Schemas of the contract, bundled in this jar. */
public final class Schemas {

    /** Classpath location of the JSON Schema (draft 2020-12) of {@link EnrichedArticle}. */
    public static final String ENRICHED_ARTICLE = "/dev/newsflow/contract/enriched-article.schema.json";

    private Schemas() {
    }

    public static InputStream enrichedArticle() {
        return Schemas.class.getResourceAsStream(ENRICHED_ARTICLE);
    }
}
