package dev.newsflow.enrich.eval;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores summed over documents.
 *
 * @param documents      documents scored
 * @param sources        source counts
 * @param tags           tag counts (documents whose gold labels tags)
 * @param forbiddenTags  forbidden tags found
 */
public record Totals(int documents, Score sources, Score tags, int forbiddenTags) {

    public static final String ALL = "all";

    /** Totals per language, and over all documents under {@link #ALL}. */
    public static Map<String, Totals> byLanguage(List<Evaluation.Result> results) {
        Map<String, Totals> totals = new TreeMap<>();
        for (Evaluation.Result result : results) {
            String language = result.language() == null ? "und" : result.language();
            totals.merge(language, of(result), Totals::plus);
            totals.merge(ALL, of(result), Totals::plus);
        }
        return totals;
    }

    private static Totals of(Evaluation.Result result) {
        return new Totals(1, result.sources(), result.tags(), result.forbiddenTagsFound().size());
    }

    private Totals plus(Totals other) {
        return new Totals(documents + other.documents, sources.plus(other.sources), tags.plus(other.tags),
                forbiddenTags + other.forbiddenTags);
    }
}
