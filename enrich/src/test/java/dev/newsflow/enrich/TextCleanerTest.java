package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.text.CleanText;
import dev.newsflow.enrich.text.TextCleaner;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

    private final TextCleaner cleaner = new TextCleaner();

    @Test
    void shouldKeepParagraphsOfHtmlAndDropScriptsStylesAndChrome() {
        CleanText clean = cleaner.clean("Tytuł", "<html><head><style>p{color:red}</style></head><body>"
                + "<nav>Strona główna | Kraj</nav><script>alert('x')</script>"
                + "<p>Pierwszy&nbsp;akapit  tekstu.</p><div class=\"share-buttons\">Udostępnij na Facebooku</div>"
                + "<p>Drugi akapit<br>z nową linią.</p><aside>Reklama</aside></body></html>");
        assertThat(clean.text()).isEqualTo("Pierwszy akapit tekstu.\n\nDrugi akapit\nz nową linią.");
    }

    @Test
    void shouldDropVideoTeaserAndItsHeadline() {
        CleanText clean = cleaner.clean("T", "Pierwszy akapit.\n\nDalsza część artykułu pod materiałem wideo\n\n"
                + "Ekspert ostrzega przed zimą? Wideo\n\nDrugi akapit, dłuższy i kończący się kropką.");
        assertThat(clean.text()).isEqualTo("Pierwszy akapit.\n\nDrugi akapit, dłuższy i kończący się kropką.");
    }

    @Test
    void shouldCutEverythingAfterRecommendationsHeadingAtTheEnd() {
        CleanText clean = cleaner.clean("T", "Treść artykułu.\n\nCzytaj także\nInny nagłówek o czymś\n"
                + "Inny nagłówek o czymś\nJeszcze jeden tytuł");
        assertThat(clean.text()).isEqualTo("Treść artykułu.");
    }

    @Test
    void shouldDropInlineReadAlsoLinkButKeepFollowingText() {
        CleanText clean = cleaner.clean("T", "Początek.\n\nCzytaj też: Minister o podatkach\n\n"
                + "Dalsza treść artykułu, która jest długa i wyraźnie stanowi część tekstu, a nie listę odnośników "
                + "do innych materiałów na stronie, więc musi zostać zachowana w całości.");
        assertThat(clean.text()).startsWith("Początek.\n\nDalsza treść").doesNotContain("Minister o podatkach");
    }

    @Test
    void shouldDropRepeatedTitleDuplicatedLinesSignOffAndNewsletterPrompt() {
        CleanText clean = cleaner.clean("Wielki pożar w porcie", "Wielki pożar w porcie\n\nStrażacy walczą z ogniem.\n"
                + "Strażacy walczą z ogniem.\n\nZapisz się do naszego newslettera!\n\noprac. ABC");
        assertThat(clean.text()).isEqualTo("Strażacy walczą z ogniem.");
    }

    @Test
    void shouldSeparateCaptionsAndSplitCreditGluedToNextLine() {
        CleanText clean = cleaner.clean("T", "Tekst artykułu.\n\n"
                + "Leaders meet in Brussels, Belgium, on Monday for the annual summit. EPA/OLIVIER HOSLET\n"
                + "Dostawca: PAP/EPA.OLIVIER HOSLETPrzywódcy spotkali się w Brukseli\n"
                + "Źródło zdjęć: © PAP\n\nKolejny akapit.");
        assertThat(clean.text()).isEqualTo("Tekst artykułu.\n\nKolejny akapit.");
        assertThat(clean.captions().split("\n")).containsExactly(
                "Leaders meet in Brussels, Belgium, on Monday for the annual summit. EPA/OLIVIER HOSLET",
                "Dostawca: PAP/EPA.OLIVIER HOSLET",
                "Przywódcy spotkali się w Brukseli",
                "Źródło zdjęć: © PAP");
    }

    @Test
    void shouldTakeFigureCaptionsFromHtml() {
        CleanText clean = cleaner.clean("T", "<p>Tekst.</p><figure><img src=a.jpg><figcaption>Fot. Jan Kowalski"
                + "</figcaption></figure>");
        assertThat(clean.text()).isEqualTo("Tekst.");
        assertThat(clean.captions()).isEqualTo("Fot. Jan Kowalski");
    }

    @Test
    void shouldReturnEmptyForEmptyOrBlankContent() {
        assertThat(cleaner.clean("T", "")).isEqualTo(CleanText.EMPTY);
        assertThat(cleaner.clean("T", "   \n ")).isEqualTo(CleanText.EMPTY);
        assertThat(cleaner.clean(null, null)).isEqualTo(CleanText.EMPTY);
    }
}
