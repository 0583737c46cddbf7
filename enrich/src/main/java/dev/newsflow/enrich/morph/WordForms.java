package dev.newsflow.enrich.morph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What morphology knows about one written word. All forms are lower case. Immutable but for two slots where
 * consumers keep a value each that they derive from the forms alone ({@link #derived}); equality and hash code are
 * those of the forms.
 *
 * <p>Components:
 * <ul>
 *   <li>{@code lower}: the word lower-cased;</li>
 *   <li>{@code properLemmas}: lemmas of the word read as a proper name (case-sensitive dictionary look-up: "Rosji" ->
 *       rosja);</li>
 *   <li>{@code commonLemmas}: lemmas of the word read as a common word ("sankcji" -> sankcja, "Amerykańskie" ->
 *       amerykański);</li>
 *   <li>{@code verbLemmas}: the subset of common lemmas under which the word is a finite verb or a participle
 *       ("podała" -> podać);</li>
 *   <li>{@code distinctForms}: {@code lower}, then the proper lemmas, then the common lemmas, each form once: what a
 *       word is looked up under. Derived from the other components; kept because words repeat and analyses are
 *       cached, so it is made once per distinct word rather than once per look-up.</li>
 * </ul>
 */
public final class WordForms {

    private final String lower;
    private final Set<String> properLemmas;
    private final Set<String> commonLemmas;
    private final Set<String> verbLemmas;
    private final List<String> distinctForms;
    /**
     * Values derived from these forms and who derived them, one per slot. Read and written without synchronisation: a
     * reader that does not see the latest one derives it again, and {@link Derived}'s final fields make what it sees
     * whole.
     */
    private Derived first;
    private Derived second;

    public WordForms(String lower, Set<String> properLemmas, Set<String> commonLemmas, Set<String> verbLemmas,
                     List<String> distinctForms) {
        this.lower = Objects.requireNonNull(lower, "lower");
        this.properLemmas = Objects.requireNonNull(properLemmas, "properLemmas");
        this.commonLemmas = Objects.requireNonNull(commonLemmas, "commonLemmas");
        this.verbLemmas = Objects.requireNonNull(verbLemmas, "verbLemmas");
        this.distinctForms = Objects.requireNonNull(distinctForms, "distinctForms");
    }

    public WordForms(String lower, Set<String> properLemmas, Set<String> commonLemmas, Set<String> verbLemmas) {
        this(lower, properLemmas, commonLemmas, verbLemmas, distinctForms(lower, properLemmas, commonLemmas));
    }

    public String lower() {
        return lower;
    }

    public Set<String> properLemmas() {
        return properLemmas;
    }

    public Set<String> commonLemmas() {
        return commonLemmas;
    }

    public Set<String> verbLemmas() {
        return verbLemmas;
    }

    public List<String> distinctForms() {
        return distinctForms;
    }

    /**
     * What {@code derive} makes of these forms, kept here for {@code owner}: morphology caches the forms of each word,
     * so a consumer that looks something up per word form (an index of names) can do it once per word instead of once
     * per occurrence. Two owners' values are kept; the first slot is taken by the first owner to come, the second by
     * the latest other. {@code derive} must be a pure function of the forms, since a value may be derived more than
     * once.
     */
    public <T> T derived(Object owner, Function<WordForms, T> derive) {
        Derived kept = first;
        if (kept == null || kept.owner == owner) {
            return kept != null ? valueOf(kept) : keep(owner, derive, true);
        }
        kept = second;
        return kept != null && kept.owner == owner ? valueOf(kept) : keep(owner, derive, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> T valueOf(Derived kept) {
        return (T) kept.value;
    }

    private <T> T keep(Object owner, Function<WordForms, T> derive, boolean inFirst) {
        T value = derive.apply(this);
        if (inFirst) {
            first = new Derived(owner, value);
        } else {
            second = new Derived(owner, value);
        }
        return value;
    }

    /** A derived value and its owner; final fields, so it is safely shared without synchronisation. */
    private record Derived(Object owner, Object value) {
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

    @Override
    public boolean equals(Object other) {
        return other instanceof WordForms forms && lower.equals(forms.lower) && properLemmas.equals(forms.properLemmas)
                && commonLemmas.equals(forms.commonLemmas) && verbLemmas.equals(forms.verbLemmas)
                && distinctForms.equals(forms.distinctForms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, properLemmas, commonLemmas, verbLemmas, distinctForms);
    }

    @Override
    public String toString() {
        return "WordForms[lower=" + lower + ", properLemmas=" + properLemmas + ", commonLemmas=" + commonLemmas
                + ", verbLemmas=" + verbLemmas + ", distinctForms=" + distinctForms + "]";
    }
}
