package dev.newsflow.enrich.morph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What morphology knows about one written word. All forms are lower case.
 *
 * @param lower        the word lower-cased
 * @param properLemmas lemmas of the word read as a proper name (case-sensitive dictionary look-up: "Rosji" -> rosja)
 * @param commonLemmas lemmas of the word read as a common word ("sankcji" -> sankcja, "Amerykańskie" -> amerykański)
 * @param verbLemmas   the subset of common lemmas under which the word is a finite verb or a participle
 *                     ("podała" -> podać)
 * @param distinctForms {@code lower}, then the proper lemmas, then the common lemmas, each form once: what a word
 *                     is looked up under. Derived from the other components; kept because words repeat and analyses
 *                     are cached, so it is made once per distinct word rather than once per look-up.
 */
public record WordForms(String lower, Set<String> properLemmas, Set<String> commonLemmas, Set<String> verbLemmas,
                        List<String> distinctForms) {

    public WordForms(String lower, Set<String> properLemmas, Set<String> commonLemmas, Set<String> verbLemmas) {
        this(lower, properLemmas, commonLemmas, verbLemmas, distinctForms(lower, properLemmas, commonLemmas));
    }

    private static List<String> distinctForms(String lower, Set<String> properLemmas, Set<String> commonLemmas) {
        if (properLemmas.isEmpty() && commonLemmas.isEmpty()) {
            return List.of(lower);
        }
        List<String> forms = new ArrayList<>(1 + properLemmas.size() + commonLemmas.size());
        forms.add(lower);
        for (String lemma : properLemmas) {
            if (!lemma.equals(lower)) {
                forms.add(lemma);
            }
        }
        for (String lemma : commonLemmas) {
            if (!lemma.equals(lower) && !properLemmas.contains(lemma)) {
                forms.add(lemma);
            }
        }
        return List.copyOf(forms);
    }

    public static WordForms plain(String lower) {
        return new WordForms(lower, Set.of(), Set.of(), Set.of());
    }

    public boolean hasForm(String form) {
        return lower.equals(form) || properLemmas.contains(form) || commonLemmas.contains(form);
    }
}
