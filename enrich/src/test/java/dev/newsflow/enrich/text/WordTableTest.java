package dev.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.morph.Morphology;
import dev.newsflow.enrich.morph.WordForms;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WordTableTest {

    private static final String TEXT = "Rosja i USA. „Według agencji Reuters’ – podała PAP, 5,75 proc. Russia's \"bank\" "
            + "O'Brien Reuters' rosji ROSJA Rosja\n\nKorea Płn. w 2024 r. Zażółć gęślą jaźń.";

    @Test
    void shouldGiveTheSameTokensAndFormsAsTokenizingAlone() {
        Morphology morphology = Morphology.forLanguage("pl");
        List<WordForms> forms = new ArrayList<>();

        List<Token> tokens = Tokenizer.tokenize(TEXT, WordTable.of(morphology), forms);

        assertThat(tokens).isEqualTo(Tokenizer.tokenize(TEXT));
        assertThat(forms).hasSameSizeAs(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean oneAsciiChar = token.text().length() == 1 && token.text().charAt(0) < 128;
            WordForms expected = token.isWord() ? morphology.analyse(token.text())
                    : oneAsciiChar ? null : WordForms.plain(token.text().toLowerCase(java.util.Locale.ROOT));
            assertThat(forms.get(i)).as(token.text()).isEqualTo(expected);
        }
    }

    @Test
    void shouldAnalyseAWordOnceAndReturnItsEntryWhenMetAgain() {
        AtomicInteger analysed = new AtomicInteger();
        Morphology counting = word -> {
            analysed.incrementAndGet();
            return WordForms.plain(word.toLowerCase(java.util.Locale.ROOT));
        };
        WordTable table = WordTable.of(counting);
        String text = "Bloomberg podał, Bloomberg";

        WordTable.Entry first = table.entry(text, 0, 9, "Bloomberg".hashCode(), true);
        WordTable.Entry again = table.entry(text, 17, 26, "Bloomberg".hashCode(), true);

        assertThat(first.word()).isEqualTo("Bloomberg");
        assertThat(again).isSameAs(first);
        assertThat(analysed).hasValue(1);
    }

    @Test
    void shouldNotTakeAnotherWordOfTheSameHashForTheWord() {
        Morphology plain = word -> new WordForms(word.toLowerCase(java.util.Locale.ROOT), Set.of(), Set.of(), Set.of());
        WordTable table = WordTable.of(plain);
        // "Aa" and "BB" have the same String hash code, so they share a slot
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        assertThat(table.entry("Aa", 0, 2, "Aa".hashCode(), true).word()).isEqualTo("Aa");
        assertThat(table.entry("BB", 0, 2, "BB".hashCode(), true).word()).isEqualTo("BB");
        assertThat(table.entry("Aa", 0, 2, "Aa".hashCode(), true).forms().lower()).isEqualTo("aa");
    }
}
