package dev.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimpleHtmlTest {

    /** Pieces of bodies, simple and not: random sequences of them are read both ways. */
    private static final String[] PIECES = {
        "<p>Pierwszy akapit tekstu.</p>", "<p>Second paragraph, with \"quotes\" and 'apostrophes'.</p>",
        "<p>Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &#39;y&#39; a&nbsp;b</p>", "<p>line\nbreak\tand  spaces </p>",
        "<p></p>", "<p> </p>", "\n", " ", "\t", "\f", "\r\n", "<p>crlf\r\ninside</p>", "<p>amp &copy; other</p>",
        "<p>bare & amp</p>", "<p>nbsp without semicolon &nbsp here</p>", "<p>null \u0000 char</p>",
        "<p>bom \uFEFF inside</p>", "<p class=\"share\">Udostępnij</p>", "<P>upper case</P>",
        "<p>unclosed", "<p>nested <b>bold</b></p>", "<p>link <a href=\"/x\">here</a></p>", "stray text",
        "<div>block</div>", "<br>", "<figure><img src=\"/photo.jpg\" alt=\"\"><figcaption>Fot. PAP/EPA</figcaption>"
                + "</figure>",
        "<figure> <img src=\"/a.jpg\"> <figcaption>Photo: Reuters</figcaption> </figure>",
        "<figure><img src=\"/a.jpg\"/><figcaption></figcaption></figure>",
        "<figure><img class=\"caption\" src=\"/a.jpg\"><figcaption>Kadr &amp; zdjęcie</figcaption>"
                + "</figure>",
        "<figure><img src=\"/a.jpg\"><figcaption>Two  spaces</figcaption></figure>",
        "<figure><img src=\"/a.jpg\"><figcaption> leading</figcaption></figure>",
        "<figure><img src=\"/a.jpg\"><figcaption>nbsp&nbsp;inside</figcaption></figure>",
        "<figure><img src=\"/a.jpg\"><figcaption>soft\u00ADhyphen</figcaption></figure>",
        "<figure><img src=\"a>b\"><figcaption>Fot. X</figcaption></figure>",
        "<figure><img src='/a.jpg'><figcaption>Fot. X</figcaption></figure>",
        "<figure><img src=\"/a.jpg\" data-x=\"1\" hidden><figcaption>Fot. X</figcaption></figure>",
        "<figure><figcaption>Fot. X</figcaption></figure>", "<figure><img src=\"/a.jpg\"></figure>",
        "<p>Zażółć gęślą jaźń — „cytat” … 😀</p>", "<p>a > b</p>", "<p>&#x27;hex&#x27;</p>", "<!-- comment -->",
    };

    @Test
    void shouldGiveWhatTheParsedTreeGivesWheneverItAnswers() {
        Random random = new Random(1);
        int answered = 0;
        for (int run = 0; run < 20_000; run++) {
            StringBuilder html = new StringBuilder();
            int pieces = 1 + random.nextInt(6);
            for (int k = 0; k < pieces; k++) {
                html.append(PIECES[random.nextInt(PIECES.length)]);
            }
            List<String> captions = new ArrayList<>();
            String text = SimpleHtml.text(html.toString(), captions);
            if (text == null) {
                assertThat(captions).as(html.toString()).isEmpty();
                continue;
            }
            answered++;
            List<String> parsedCaptions = new ArrayList<>();
            assertThat(text).as(html.toString()).isEqualTo(TextCleaner.parsedText(html.toString(), parsedCaptions));
            assertThat(captions).as(html.toString()).isEqualTo(parsedCaptions);
        }
        assertThat(answered).isGreaterThan(1_000);
    }

    @Test
    void shouldReadParagraphsAndFigureCaptions() {
        List<String> captions = new ArrayList<>();
        String text = SimpleHtml.text("<p>Tom &amp; Jerry</p>\n<figure><img src=\"/photo.jpg\" alt=\"\">"
                + "<figcaption>Fot. PAP/EPA</figcaption></figure>\n", captions);
        assertThat(text).isEqualTo("\n\n\n\nTom & Jerry\n\n \n\n\n\n \n\n");
        assertThat(captions).containsExactly("Fot. PAP/EPA");
    }

    @Test
    void shouldLeaveAnythingElseToTheParser() {
        List<String> captions = new ArrayList<>();
        assertThat(SimpleHtml.text("<p class=\"lead\">Lead</p>", captions)).isNull();
        assertThat(SimpleHtml.text("<p>Text with <a href=\"/x\">a link</a></p>", captions)).isNull();
        assertThat(SimpleHtml.text("<p>&copy; 2026</p>", captions)).isNull();
        assertThat(SimpleHtml.text("<p>Windows\r\nline</p>", captions)).isNull();
        assertThat(SimpleHtml.text("<figure><img src=\"/a.jpg\"><figcaption>A  B</figcaption></figure>", captions))
                .isNull();
        assertThat(captions).isEmpty();
    }
}
