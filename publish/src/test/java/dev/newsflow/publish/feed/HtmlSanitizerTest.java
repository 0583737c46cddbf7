package dev.newsflow.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    private static final String BASE = "https://news.example/world/story";

    @Test
    void shouldDropScriptsStylesAndEventHandlers() {
        String html = "<p onclick=\"steal()\">Hello <script>alert(1)</script><style>p{}</style>"
                + "<img src=x onerror=alert(2)><iframe src=\"https://evil.example\"></iframe><b>world</b></p>";

        assertThat(HtmlSanitizer.sanitize(html, BASE)).isEqualTo("<p>Hello <b>world</b></p>");
    }

    @Test
    void shouldDropJavascriptUrlsAndMarkLinksNofollow() {
        String html = "<a href=\"javascript:alert(1)\">bad</a> <a href=\"JaVaScRiPt:alert(1)\">worse</a> "
                + "<a href=\"https://ok.example/a\" target=\"_blank\" onmouseover=\"x()\">good</a>";

        String safe = HtmlSanitizer.sanitize(html, BASE);

        assertThat(safe).doesNotContainIgnoringCase("javascript").doesNotContain("onmouseover", "target")
                .contains("<a href=\"https://ok.example/a\" rel=\"nofollow noopener noreferrer\">good</a>")
                .contains("<a rel=\"nofollow noopener noreferrer\">bad</a>");
    }

    @Test
    void shouldResolveRelativeLinksAgainstTheArticleAndDropThemWithoutOne() {
        assertThat(HtmlSanitizer.sanitize("<a href=\"/other\">x</a>", BASE))
                .isEqualTo("<a href=\"https://news.example/other\" rel=\"nofollow noopener noreferrer\">x</a>");
        assertThat(HtmlSanitizer.sanitize("<a href=\"/other\">x</a>", null))
                .isEqualTo("<a rel=\"nofollow noopener noreferrer\">x</a>");
    }

    @Test
    void shouldKeepBasicFormatting() {
        String html = "<h2>Title</h2><p><em>a</em> <strong>b</strong></p><ul><li>c</li></ul><blockquote>d</blockquote>";

        assertThat(HtmlSanitizer.sanitize(html, BASE)).isEqualTo(html);
    }

    @Test
    void shouldRemoveCharactersXmlCannotCarry() {
        assertThat(HtmlSanitizer.xmlSafe("a\u0000b\u0008c\td\ne\uFFFEf\uD83D\uDE00g\uD800h")).isEqualTo("abc\td\nef\uD83D\uDE00gh");
        assertThat(HtmlSanitizer.xmlSafe("plain")).isSameAs("plain");
    }

    @Test
    void shouldEscapeTextForHtml() {
        assertThat(HtmlSanitizer.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
