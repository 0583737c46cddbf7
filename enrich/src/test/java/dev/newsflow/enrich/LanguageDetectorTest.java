package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.enrich.language.DetectedLanguage;
import dev.newsflow.enrich.language.LanguageDetector;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private static LanguageDetector detector;

    @BeforeAll
    static void build() {
        detector = LanguageDetector.of(LanguageDetector.DEFAULT_LANGUAGES, false, false);
    }

    @Test
    void shouldTellPolishEnglishAndGermanApart() {
        assertThat(detector.detect("Rząd przyjął w czwartek projekt ustawy o podatku od nieruchomości.", null).code())
                .isEqualTo("pl");
        assertThat(detector.detect("The government adopted the property tax bill on Thursday.", null).code())
                .isEqualTo("en");
        assertThat(detector.detect("Die Regierung hat am Donnerstag den Gesetzentwurf zur Grundsteuer beschlossen.",
                null).code()).isEqualTo("de");
    }

    @Test
    void shouldPreferTextOverDeclaredLanguage() {
        DetectedLanguage detected = detector.detect("The government adopted the property tax bill on Thursday.", "pl");
        assertThat(detected.code()).isEqualTo("en");
        assertThat(detected.basis()).isEqualTo(DetectedLanguage.Basis.DETECTED);
    }

    @Test
    void shouldFallBackToDeclaredLanguageForVeryShortText() {
        DetectedLanguage detected = detector.detect("OK", "pl-PL");
        assertThat(detected.code()).isEqualTo("pl");
        assertThat(detected.basis()).isEqualTo(DetectedLanguage.Basis.DECLARED_HINT);
    }

    @Test
    void shouldReturnUndeterminedForNonsenseWithoutHint() {
        assertThat(detector.detect("12345 !!! ---", null).code()).isEqualTo("und");
        assertThat(detector.detect("", "xx").code()).isEqualTo("und");
    }

    @Test
    void shouldRejectUnknownLanguageCodesAtStartUp() {
        assertThatThrownBy(() -> LanguageDetector.of(List.of("pl", "zz", "qq"), false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zz").hasMessageContaining("qq");
    }
}
