package dev.newsflow.enrich.morph;

import java.util.Locale;

/** Lemmas and normalised forms of words of one language. Implementations are thread-safe. */
public interface Morphology {

    WordForms analyse(String word);

    /**
     * Whether common lemmas come from a dictionary of common words, so that a capitalised word with one is also an
     * ordinary word ("Łódź" and "łódź"); false where they are only normalised spellings.
     */
    default boolean hasCommonWordDictionary() {
        return false;
    }

    /** Morphology for an ISO 639-1 code: Polish and English have their own; others only lower-case. */
    static Morphology forLanguage(String language) {
        return switch (language == null ? "" : language.toLowerCase(Locale.ROOT)) {
            case "pl" -> PolishMorphology.shared();
            case "en" -> EnglishMorphology.INSTANCE;
            default -> PlainMorphology.INSTANCE;
        };
    }
}
