package dev.newsflow.enrich.text;

import dev.newsflow.enrich.morph.Morphology;
import dev.newsflow.enrich.morph.WordForms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One field of an enriched article (title, text or captions) split into tokens, each with its word forms.
 *
 * @param field  the {@link dev.newsflow.contract.Evidence} field name the offsets refer to
 * @param text   the field's text
 * @param tokens its tokens
 * @param forms  word forms of each token, same indexes as {@code tokens}
 * @param commonWordDictionary whether the forms come from a dictionary of common words, see
 *               {@link Morphology#hasCommonWordDictionary()}
 */
public record AnalyzedText(String field, String text, List<Token> tokens, List<WordForms> forms,
                           boolean commonWordDictionary) {

    /** Forms of the one-character tokens that are not words ("," "." "5"), made once rather than per token. */
    private static final WordForms[] ASCII_NON_WORDS = new WordForms[128];

    static {
        for (char c = 0; c < ASCII_NON_WORDS.length; c++) {
            ASCII_NON_WORDS[c] = WordForms.plain(String.valueOf(c).toLowerCase(Locale.ROOT));
        }
    }

    public static AnalyzedText of(String field, String text, Morphology morphology) {
        String safe = text == null ? "" : text;
        WordTable words = WordTable.of(morphology);
        List<WordForms> forms = new ArrayList<>(safe.length() / 5 + 8);
        List<Token> tokens = Tokenizer.tokenize(safe, words, forms);
        for (int i = 0; i < tokens.size(); i++) {
            if (forms.get(i) == null) {
                Token token = tokens.get(i);
                forms.set(i, token.isWord() ? morphology.analyse(token.text()) : nonWordForms(token.text()));
            }
        }
        // both lists are new and not kept elsewhere: wrapped rather than copied
        return new AnalyzedText(field, safe, Collections.unmodifiableList(tokens), Collections.unmodifiableList(forms),
                morphology.hasCommonWordDictionary());
    }

    private static WordForms nonWordForms(String token) {
        if (token.length() == 1 && token.charAt(0) < ASCII_NON_WORDS.length) {
            return ASCII_NON_WORDS[token.charAt(0)];
        }
        return WordForms.plain(token.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return tokens.size();
    }

    public Token token(int index) {
        return tokens.get(index);
    }

    public WordForms forms(int index) {
        return forms.get(index);
    }

    /** Whether the token opens its sentence. */
    public boolean startsSentence(int index) {
        if (index == 0) {
            return true;
        }
        int previous = index - 1;
        while (previous >= 0 && isOpener(tokens.get(previous).text())
                && tokens.get(previous).sentence() == tokens.get(index).sentence()) {
            previous--;
        }
        return previous < 0 || tokens.get(previous).sentence() != tokens.get(index).sentence()
                || hasLineBreak(tokens.get(previous).end(), tokens.get(index).start());
    }

    /** Whether {@code text[from, to)} holds a line break; read in place, not copied. */
    private boolean hasLineBreak(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The text from the first character of token {@code from} to the last of token {@code toInclusive}. */
    public String span(int from, int toInclusive) {
        return text.substring(tokens.get(from).start(), tokens.get(toInclusive).end());
    }

    /** An opening quote, parenthesis or dash: all one character, so compared as chars. */
    private static boolean isOpener(String s) {
        if (s.length() != 1) {
            return false;
        }
        char c = s.charAt(0);
        return c == '"' || c == '„' || c == '“' || c == '«' || c == '(' || c == '-' || c == '–' || c == '—';
    }
}
