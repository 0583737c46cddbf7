package dev.newsflow.enrich.morph;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import morfologik.stemming.polish.PolishStemmer;

/**
 * Polish lemmas from Morfologik's dictionary.
 *
 * <p>The dictionary is case-sensitive: proper names are stored capitalised ("Rosja") and common words in lower case,
 * so a word is looked up twice: as written (proper-name reading) and lower-cased (common-word reading). Names missing
 * from the dictionary ("Pjongjangu", "Kima") are covered by inflected forms generated for knowledge-base names, see
 * {@link PolishInflections}.
 *
 * <p>{@link DictionaryLookup} is not thread-safe, so each thread gets its own over one shared dictionary.
 */
public final class PolishMorphology implements Morphology {

    private static final int CACHE_LIMIT = 200_000;
    private static volatile PolishMorphology shared;

    private final ThreadLocal<DictionaryLookup> lookup;
    private final Map<String, WordForms> cache = new ConcurrentHashMap<>();

    private PolishMorphology(Dictionary dictionary) {
        this.lookup = ThreadLocal.withInitial(() -> new DictionaryLookup(dictionary));
    }

    /** One instance per JVM: the dictionary takes a few megabytes and is immutable. */
    public static PolishMorphology shared() {
        PolishMorphology instance = shared;
        if (instance == null) {
            synchronized (PolishMorphology.class) {
                instance = shared;
                if (instance == null) {
                    instance = new PolishMorphology(new PolishStemmer().getDictionary());
                    shared = instance;
                }
            }
        }
        return instance;
    }

    @Override
    public boolean hasCommonWordDictionary() {
        return true;
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

    private WordForms compute(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Set<String> proper = new HashSet<>();
        if (!word.equals(lower)) {
            for (WordData data : lookup.get().lookup(word)) {
                proper.add(data.getStem().toString().toLowerCase(Locale.ROOT));
            }
        }
        Set<String> common = new HashSet<>();
        Set<String> verbs = new HashSet<>();
        List<WordData> lowerData = lookup.get().lookup(lower);
        for (WordData data : lowerData) {
            String lemma = data.getStem().toString().toLowerCase(Locale.ROOT);
            common.add(lemma);
            CharSequence tag = data.getTag();
            if (tag != null && isVerbForm(tag.toString())) {
                verbs.add(lemma);
            }
        }
        return new WordForms(lower, Set.copyOf(proper), Set.copyOf(common), Set.copyOf(verbs));
    }

    /** Finite verbs, past forms and adverbial/adjectival participles: "podała", "informuje", "powołując". */
    private static boolean isVerbForm(String tag) {
        return tag.startsWith("verb:") || tag.startsWith("pcon") || tag.startsWith("pant") || tag.startsWith("pact");
    }
}
