package dev.newsflow.enrich.morph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WordFormsTest {

    @Test
    void shouldDeriveAValueOnceForItsOwner() {
        WordForms forms = new WordForms("rosji", Set.of("rosja"), Set.of(), Set.of());
        Object owner = new Object();
        AtomicInteger calls = new AtomicInteger();

        String first = forms.derived(owner, f -> f.lower() + calls.incrementAndGet());
        String second = forms.derived(owner, f -> f.lower() + calls.incrementAndGet());

        assertThat(first).isEqualTo("rosji1").isSameAs(second);
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldKeepTheValuesOfTwoOwners() {
        WordForms forms = WordForms.plain("the");
        Object one = new Object();
        Object other = new Object();

        assertThat(forms.<String>derived(one, f -> "one")).isEqualTo("one");
        assertThat(forms.<String>derived(other, f -> "other")).isEqualTo("other");
        assertThat(forms.<String>derived(one, f -> "one again")).isEqualTo("one");
        assertThat(forms.<String>derived(other, f -> "other again")).isEqualTo("other");
    }

    @Test
    void shouldDeriveAgainForAThirdOwnerAndKeepTheFirst() {
        WordForms forms = WordForms.plain("the");
        Object one = new Object();

        forms.derived(one, f -> "one");
        forms.derived(new Object(), f -> "two");
        assertThat(forms.<String>derived(new Object(), f -> "three")).isEqualTo("three");
        assertThat(forms.<String>derived(one, f -> "one again")).isEqualTo("one");
    }

    @Test
    void shouldCompareByFormsAloneWhateverWasDerived() {
        WordForms derivedFrom = new WordForms("sankcji", Set.of(), Set.of("sankcja"), Set.of());
        derivedFrom.derived(new Object(), f -> "value");

        assertThat(derivedFrom).isEqualTo(new WordForms("sankcji", Set.of(), Set.of("sankcja"), Set.of()))
                .hasSameHashCodeAs(new WordForms("sankcji", Set.of(), Set.of("sankcja"), Set.of()));
        assertThat(derivedFrom.distinctForms()).isEqualTo(List.of("sankcji", "sankcja"));
    }
}
