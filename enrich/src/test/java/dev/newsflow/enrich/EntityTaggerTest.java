package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entity and topic tagging rules on sentences written for the purpose. */
class EntityTaggerTest {

    private static EnrichedArticle enrich(String title, String body, String language) {
        return TestArticles.enricher().enrich(TestArticles.article(title, body, language));
    }

    private static List<String> labels(EnrichedArticle article) {
        return article.tags().stream().map(Tag::label).toList();
    }

    @Test
    void shouldTagInflectedPolishNamesIncludingOnesTheDictionaryLacks() {
        EnrichedArticle article = enrich("Wizyta w Pjongjangu",
                "Delegacja z Rosji przyleciała do Pjongjangu. Rozmowy z Koreą Płn. trwały dwa dni, a w Waszyngtonie "
                        + "komentowano wizytę Putina.", "pl");
        assertThat(labels(article)).contains("Russia", "Pyongyang", "North Korea", "Washington, D.C.",
                "Vladimir Putin");
    }

    @Test
    void shouldResolveSurnameOnlyWhenFullNameAppears() {
        EnrichedArticle withFullName = enrich("Szczyt", "Kim Dzong Un przyjął gości. Reżim Kima potrzebuje gotówki.",
                "pl");
        Tag kim = withFullName.tags().stream().filter(t -> t.id().equals("Q56226")).findFirst().orElseThrow();
        assertThat(kim.mentions()).isEqualTo(2);
        EnrichedArticle surnameOnly = enrich("Szczyt", "Pan Kim z Seulu otworzył restaurację w Warszawie.", "pl");
        assertThat(labels(surnameOnly)).doesNotContain("Kim Jong Un").contains("Seoul", "Warsaw");
    }

    @Test
    void shouldMatchAdjectivesAndDemonymsAsWeakerEvidence() {
        EnrichedArticle twice = enrich("Sankcje", "Amerykanie i amerykański Kongres popierają nowe sankcje.", "pl");
        assertThat(labels(twice)).contains("United States");
        EnrichedArticle once = enrich("Kuchnia", "Na obiad podano amerykański sernik i kawę.", "pl");
        assertThat(labels(once)).doesNotContain("United States");
    }

    @Test
    void shouldNormaliseEnglishPossessivesAndPlurals() {
        EnrichedArticle article = enrich("Talks", "Russia's foreign ministry said Americans would attend talks in "
                + "Kyiv with American envoys, according to Reuters' reporting.", "en");
        assertThat(labels(article)).contains("Russia", "United States", "Kyiv");
    }

    @Test
    void shouldNotMatchCommonWordsOrAcronymsInCapitalisedHeadings() {
        EnrichedArticle article = enrich("Debate", "WHO IS THE FRONT-RUNNER?\n\nThe race is open. Kto wygra?", "en");
        assertThat(labels(article)).doesNotContain("World Health Organization");
        EnrichedArticle fakt = enrich("Ceny", "Fakt, że ceny rosną, nikogo nie dziwi.", "pl");
        assertThat(labels(fakt)).doesNotContain("Fakt");
    }

    @Test
    void shouldNeedTwoKeywordHitsForATopicAndHonourExclusions() {
        EnrichedArticle once = enrich("Rynek", "Firma rozważa sankcje wobec dostawcy, który spóźnia się z kolei "
                + "z dostawami.", "pl");
        assertThat(labels(once)).doesNotContain("sanctions", "rail transport");
        EnrichedArticle twice = enrich("Nowe sankcje", "UE nałożyła sankcje na rosyjskie banki. Sankcje obejmą też "
                + "eksport technologii.", "pl");
        assertThat(labels(twice)).contains("sanctions", "European Union");
    }

    @Test
    void shouldTagRailTransportAndArmsTradeInEnglish() {
        EnrichedArticle article = enrich("Rail link reopens",
                "The railway between the two countries reopened, and freight trains crossed the bridge. Officials "
                        + "denied arms sales, saying no weapons deliveries were made.", "en");
        assertThat(labels(article)).contains("rail transport", "arms trade");
    }

    @Test
    void shouldNotTagAPlaceFromACommonWordOpeningASentenceUnlessTheArticleNamesItElsewhere() {
        EnrichedArticle boat = enrich("Ćwiczenia marynarki",
                "Łódź podwodna wypłynęła rano z portu. Katar męczy marynarzy od tygodnia.", "pl");
        assertThat(labels(boat)).doesNotContain("Łódź", "Qatar");

        EnrichedArticle city = enrich("Nowy tramwaj",
                "Łódź kupi nowe tramwaje. Prezydent Łodzi podpisał umowę w czwartek.", "pl");
        assertThat(labels(city)).contains("Łódź");
    }
}
