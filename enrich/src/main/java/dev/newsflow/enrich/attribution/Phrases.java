package dev.newsflow.enrich.attribution;

import dev.newsflow.enrich.text.AnalyzedText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fixed word sequences ("according to", "działając* w ramach"), matched on lower-cased tokens; a word ending in
 * {@code *} matches any word it begins. Checked at every token, so phrases are indexed by their first word: a token
 * tries only the phrases it can begin, in declared order.
 */
final class Phrases {

    private static final int[] NONE = new int[0];

    private final List<List<String>> phrases;
    private final Map<String, int[]> byFirstWord = new HashMap<>();
    private final int[] withWildcardFirstWord;

    private Phrases(List<List<String>> phrases) {
        this.phrases = phrases;
        Map<String, List<Integer>> indexes = new HashMap<>();
        List<Integer> wildcards = new ArrayList<>();
        for (int i = 0; i < phrases.size(); i++) {
            String first = phrases.get(i).get(0);
            if (first.endsWith("*")) {
                wildcards.add(i);
            } else {
                indexes.computeIfAbsent(first, word -> new ArrayList<>()).add(i);
            }
        }
        indexes.forEach((word, list) -> byFirstWord.put(word, toArray(list)));
        this.withWildcardFirstWord = toArray(wildcards);
    }

    @SafeVarargs
    static Phrases of(List<String>... phrases) {
        return new Phrases(List.of(phrases));
    }

    /**
     * The lower-cased words a phrase may start at: {@link #matchAt} is 0 at any other word.
     *
     * @throws IllegalStateException if a phrase starts with a wildcard, so that any word may start one
     */
    Set<String> firstWords() {
        if (withWildcardFirstWord.length > 0) {
            throw new IllegalStateException("a phrase starts with a wildcard: any word may start one");
        }
        return byFirstWord.keySet();
    }

    /** The number of tokens of the first phrase (in declared order) that starts at token {@code i}, else 0. */
    int matchAt(AnalyzedText text, int i) {
        if (i >= text.size()) {
            return 0;
        }
        int[] keyed = byFirstWord.getOrDefault(text.forms(i).lower(), NONE);
        int k = 0;
        int w = 0;
        while (k < keyed.length || w < withWildcardFirstWord.length) {
            int next = w >= withWildcardFirstWord.length
                    || k < keyed.length && keyed[k] < withWildcardFirstWord[w] ? keyed[k++] : withWildcardFirstWord[w++];
            List<String> phrase = phrases.get(next);
            if (matches(text, i, phrase)) {
                return phrase.size();
            }
        }
        return 0;
    }

    private static boolean matches(AnalyzedText text, int i, List<String> phrase) {
        if (i + phrase.size() > text.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            String word = phrase.get(k);
            String lower = text.forms(i + k).lower();
            // a word ending in "*" is a prefix, compared in place rather than cut off as a new string
            boolean ok = word.endsWith("*") ? lower.regionMatches(0, word, 0, word.length() - 1)
                    : lower.equals(word);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
