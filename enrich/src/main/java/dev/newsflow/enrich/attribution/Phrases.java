package dev.newsflow.enrich.attribution;

import dev.newsflow.enrich.text.AnalyzedText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed word sequences ("according to", "działając* w ramach"), matched on lower-cased tokens; a word ending in
 * {@code *} matches any word it begins. Checked at every token, so phrases are indexed by their first word.
 */
final class Phrases {

    private final List<List<String>> phrases;
    private final Map<String, List<List<String>>> byFirstWord = new HashMap<>();
    private final List<List<String>> withWildcardFirstWord = new ArrayList<>();

    private Phrases(List<List<String>> phrases) {
        this.phrases = phrases;
        for (List<String> phrase : phrases) {
            String first = phrase.get(0);
            if (first.endsWith("*")) {
                withWildcardFirstWord.add(phrase);
            } else {
                byFirstWord.computeIfAbsent(first, word -> new ArrayList<>()).add(phrase);
            }
        }
    }

    @SafeVarargs
    static Phrases of(List<String>... phrases) {
        return new Phrases(List.of(phrases));
    }

    /** The number of tokens of the first phrase (in declared order) that starts at token {@code i}, else 0. */
    int matchAt(AnalyzedText text, int i) {
        if (i >= text.size()) {
            return 0;
        }
        List<List<String>> candidates = byFirstWord.get(text.forms(i).lower());
        if (candidates == null && withWildcardFirstWord.isEmpty()) {
            return 0;
        }
        for (List<String> phrase : phrases) {
            if ((candidates != null && candidates.contains(phrase) || withWildcardFirstWord.contains(phrase))
                    && matches(text, i, phrase)) {
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
            boolean ok = word.endsWith("*") ? lower.startsWith(word.substring(0, word.length() - 1))
                    : lower.equals(word);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
