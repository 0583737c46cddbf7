package dev.newsflow.enrich.morph;

import java.util.Set;

/**
 * What morphology knows about one written word. All forms are lower case.
 *
 * @param lower        the word lower-cased
 * @param properLemmas lemmas of the word read as a proper name (case-sensitive dictionary look-up: "Rosji" -> rosja)
 * @param commonLemmas lemmas of the word read as a common word ("sankcji" -> sankcja, "Amerykańskie" -> amerykański)
 * @param verbLemmas   the subset of common lemmas under which the word is a finite verb or a participle
 *                     ("podała" -> podać)
 */
public record WordForms(String lower, Set<String> properLemmas, Set<String> commonLemmas, Set<String> verbLemmas) {

    public static WordForms plain(String lower) {
        return new WordForms(lower, Set.of(), Set.of(), Set.of());
    }

    public boolean hasForm(String form) {
        return lower.equals(form) || properLemmas.contains(form) || commonLemmas.contains(form);
    }
}
