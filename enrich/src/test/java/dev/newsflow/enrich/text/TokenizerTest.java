package dev.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void isSpaceAgreesWithCharacterForEveryChar() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            assertThat(Tokenizer.isSpace(ch)).as("U+%04X", c)
                    .isEqualTo(Character.isWhitespace(ch) || Character.isSpaceChar(ch));
        }
    }

    @Test
    void shouldClassifyLettersAndDigitsAsCharacterDoesForEveryChar() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            assertThat(Tokenizer.isLetterOrDigit(ch)).as("U+%04X", c).isEqualTo(Character.isLetterOrDigit(ch));
            assertThat(Tokenizer.isDigit(ch)).as("U+%04X", c).isEqualTo(Character.isDigit(ch));
        }
    }
}
