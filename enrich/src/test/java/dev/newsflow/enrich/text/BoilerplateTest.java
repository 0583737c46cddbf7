package dev.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoilerplateTest {

    /** The page-chrome pattern as one expression, as it was before the literal check was put in front of it. */
    private static final Pattern ONE_PATTERN = Pattern.compile(
            "(?:^(?:Udostępnij|Podziel się|Skopiuj link|Kopiuj link|Share(?: this| on| via)?|Tweet|Copy link|"
                    + "Komentarze|Comments|Reklama|Advertisement|Sponsored|Artykuł sponsorowany|Subscribe|Sign up|"
                    + "Zaloguj się|Log in)\\b.{0,80}$)|"
                    + "(?:\\bcookies?\\b|ciasteczk|newslett|zapisz się|subskryb|subscribe to|sign up for|"
                    + "polityk[aęi] prywatności|privacy policy|all rights reserved|wszelkie prawa zastrzeżone)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    @Test
    void shouldTellPageChromeFromArticleLines() {
        assertThat(Boilerplate.isPageChrome("Udostępnij ten artykuł")).isTrue();
        assertThat(Boilerplate.isPageChrome("Share on Facebook")).isTrue();
        assertThat(Boilerplate.isPageChrome("Ta strona używa plików cookies.")).isTrue();
        assertThat(Boilerplate.isPageChrome("ZAPISZ SIĘ do naszego newslettera")).isTrue();
        assertThat(Boilerplate.isPageChrome("Copyright 2026. All Rights Reserved")).isTrue();
        assertThat(Boilerplate.isPageChrome("Zapoznaj się z naszą Polityką Prywatności")).isFalse(); // [aęi], not ą
        assertThat(Boilerplate.isPageChrome("Przeczytaj POLITYKĘ PRYWATNOŚCI")).isTrue();

        assertThat(Boilerplate.isPageChrome("Rząd przyjął projekt ustawy o cyberbezpieczeństwie.")).isFalse();
        assertThat(Boilerplate.isPageChrome("The cookie-maker said sales fell")).isTrue();
        assertThat(Boilerplate.isPageChrome("Shareholders approved the merger on Tuesday.")).isFalse();
        assertThat(Boilerplate.isPageChrome("Cookiecutter houses line the street")).isFalse();
    }

    @Test
    void shouldFindThePhrasesInEveryCaseThePatternFolds() {
        // the long s and the Kelvin sign fold to s and k, the dotless i to i: the literal check must not miss them
        assertThat(Boilerplate.isPageChrome("ſubscribe to our list")).isTrue();
        assertThat(Boilerplate.isPageChrome("\u212Aopiuj link")).isEqualTo(ONE_PATTERN.matcher("\u212Aopiuj link").find());
        assertThat(Boilerplate.isPageChrome("Accept all cookıes")).isEqualTo(ONE_PATTERN.matcher("Accept all cookıes").find());
        assertThat(Boilerplate.isPageChrome("PRİVACY POLİCY")).isEqualTo(ONE_PATTERN.matcher("PRİVACY POLİCY").find());
    }

    @Test
    void shouldAgreeWithTheSinglePatternOnRandomLines() {
        List<String> pieces = List.of("Udostępnij", "share ", "SHARE THIS", "cookies", "Cookie", "cookiecutter", "ı",
                "ſ", "K", "İ", "newsletter", "Zapisz się", "SUBSKRYBUJ", "subscribe to", "sign up for", "polityka ",
                "prywatności", "privacy policy", "All rights reserved", "wszelkie prawa zastrzeżone", "Log in",
                "Komentarze", "Rząd", " ", ".", "\u00A0", "ą", "the ", "of ", "ABC", "\uD801\uDC00", "\t");
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int k = 0; k < length; k++) {
                line.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = line.toString();
            assertThat(Boilerplate.isPageChrome(text)).as(text).isEqualTo(ONE_PATTERN.matcher(text).find());
        }
    }
}
