package dev.newsflow.enrich.morph;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * English normalisation: lower case, possessives ("Russia's", "Reuters'") and regular plurals removed. Results are
 * cached: a text's words repeat, and the cache spares the allocations of analysing them again.
 */
public final class EnglishMorphology implements Morphology {

    public static final EnglishMorphology INSTANCE = new EnglishMorphology();

    private static final int CACHE_LIMIT = 200_000;

    private final Map<String, WordForms> cache = new ConcurrentHashMap<>();

    private EnglishMorphology() {
    }

    @Override
    public WordForms analyse(String word) {
        WordForms cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        WordForms forms = compute(word);
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, forms);
        return forms;
    }

    private static WordForms compute(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        String base = stripPossessive(lower);
        Set<String> forms = new HashSet<>();
        if (!base.equals(lower)) {
            forms.add(base);
        }
        String singular = singular(base);
        if (!singular.equals(base)) {
            forms.add(singular);
        }
        Set<String> frozen = Set.copyOf(forms);
        return new WordForms(lower, frozen, frozen, Set.of());
    }

    static String stripPossessive(String lower) {
        if (lower.endsWith("'s") || lower.endsWith("’s")) {
            return lower.substring(0, lower.length() - 2);
        }
        if (lower.endsWith("'") || lower.endsWith("’")) {
            return lower.substring(0, lower.length() - 1);
        }
        return lower;
    }

    /** Regular plurals only; irregular ones are listed in the knowledge base where they matter. */
    static String singular(String lower) {
        int n = lower.length();
        if (n > 4 && lower.endsWith("ies")) {
            return lower.substring(0, n - 3) + "y";
        }
        if (n > 4 && (lower.endsWith("ches") || lower.endsWith("shes") || lower.endsWith("sses") || lower.endsWith("xes"))) {
            return lower.substring(0, n - 2);
        }
        if (n > 3 && lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is")) {
            return lower.substring(0, n - 1);
        }
        return lower;
    }
}
