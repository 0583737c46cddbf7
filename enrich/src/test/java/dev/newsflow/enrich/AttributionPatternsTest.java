package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceAttribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every pattern family the attribution knows, one sentence each, in Polish and English; and the sentences that must
 * give no source. Sentences written for the purpose.
 */
class AttributionPatternsTest {

    private static EnrichedArticle enrich(String body) {
        return TestArticles.enricher().enrich(TestArticles.article("", body));
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            Eksport wzrósł o połowę - informuje agencja Reuters.                                 | Reuters     | CITED
            Pociągi znów kursują, podała strona internetowa 38 North.                            | 38 North    | CITED
            To największy kontrakt od lat - ocenia Bloomberg.                                    | Bloomberg   | CITED
            Sankcje nie działają - komentuje Bloomberg.                                          | Bloomberg   | CITED
            Jak zaznacza Reuters, ceny ropy rosną trzeci dzień.                                  | Reuters     | CITED
            Ruch na granicy wzrósł, co wywnioskowała 38 North ze zdjęć satelitarnych.            | 38 North    | CITED
            Według PAP w wyborach wzięło udział 60 proc. uprawnionych.                            | PAP         | CITED
            Jak podaje TASS, rozmowy potrwają dwa dni.                                           | TASS        | CITED
            Minister, cytowany przez agencję Reuters, zapowiedział cięcia.                       | Reuters     | CITED
            Rosja przerzuciła wojska na południe, za agencją AFP.                                | AFP         | CITED
            Reuters reported on Monday that the talks had failed.                                | Reuters     | CITED
            "The talks have failed," said Reuters, citing two diplomats.                          | Reuters     | CITED
            According to the BBC, the vote will be held in May.                                  | BBC         | CITED
            Two officials told Reuters that the deal was close.                                  | Reuters     | CITED
            Prices rose sharply, citing Bloomberg data.                                          | Bloomberg   | CITED
            The Kremlin said in a statement that the talks would go on.                          | Kremlin     | CITED
            Dostawca: PAP/EPA                                                                    | PAP         | PHOTO
            Źródło zdjęć: © PAP                                                                  | PAP         | PHOTO
            Fot. PAP/Leszek Szymański                                                            | PAP         | PHOTO
            Photo: Reuters                                                                       | Reuters     | PHOTO
            Credit: AFP                                                                          | AFP         | PHOTO
            Prezydent podczas wizyty w Kijowie. EPA/SERGEY DOLZHENKO                              | EPA         | PHOTO
            WARSZAWA (PAP) - Sejm przyjął w piątek ustawę o obronie cywilnej.                    | PAP         | PUBLISHER
            LONDON (Reuters) - Oil prices fell on Tuesday.                                       | Reuters     | PUBLISHER
            """)
    void shouldFindTheSourceOfEachPattern(String sentence, String name, String role) {
        EnrichedArticle article = enrich(sentence.strip());
        assertThat(article.sources()).as(sentence)
                .anySatisfy(source -> {
                    assertThat(source.name()).isEqualTo(name);
                    assertThat(source.role().name()).isEqualTo(role);
                    assertThat(source.evidence()).isNotEmpty();
                });
    }

    @ParameterizedTest(name = "{0} -> {1} part of {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Jak podała strona 38 North, działająca w ramach ośrodka Stimson Center, ruch wzrósł.  | 38 North | Stimson Center
            The rail link reopened, according to 38 North, part of the Stimson Center.         | 38 North | Stimson Center
            """)
    void shouldRecordTheBodyACitedSourceBelongsTo(String sentence, String child, String parent) {
        EnrichedArticle article = enrich(sentence.strip());
        assertThat(article.sources()).as(sentence).anySatisfy(source -> {
            assertThat(source.name()).isEqualTo(child);
            assertThat(source.affiliation()).isEqualTo(parent);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            — To dobra decyzja — powiedział Jan Kowalski, mieszkaniec Krakowa.
            "This is a good decision," said John Smith, a local resident.
            Według Anny Nowak ceny wzrosną jeszcze w tym roku.
            According to Maria Garcia, prices will rise again this year.
            Orlen kupił w poniedziałek rafinerię na Litwie.
            Reuters opened a new office in Warsaw on Monday.
            Volkswagen unveiled a new electric car at the show.
            Czytaj więcej w serwisie money.pl
            Subscribe to our newsletter for the latest news from Reuters
            Rozmowy w Moskwie zakończyły się bez porozumienia.
            """)
    void shouldFindNoSourceWherePeopleSpeakOrOrganisationsOnlyAct(String sentence) {
        EnrichedArticle article = enrich(sentence.strip());
        assertThat(article.sources()).as(sentence).extracting(SourceAttribution::name).isEmpty();
    }
}
