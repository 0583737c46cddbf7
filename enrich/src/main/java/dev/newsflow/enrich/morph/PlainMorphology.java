package dev.newsflow.enrich.morph;

import java.util.Locale;
import java.util.Set;

/** Lower-casing and possessive stripping only, for languages without a lemmatiser. */
public final class PlainMorphology implements Morphology {

    public static final PlainMorphology INSTANCE = new PlainMorphology();

    private PlainMorphology() {
    }

    @Override
    public WordForms analyse(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        String stripped = EnglishMorphology.stripPossessive(lower);
        Set<String> forms = stripped.equals(lower) ? Set.of() : Set.of(stripped);
        return new WordForms(lower, forms, forms, Set.of());
    }
}
