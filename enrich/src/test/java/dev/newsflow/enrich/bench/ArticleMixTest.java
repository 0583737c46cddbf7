package dev.newsflow.enrich.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.contract.RawArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleMixTest {

    @Test
    void shouldHandOutTheGivenArticlesInTurnEachWithAnIdOfItsOwn(@TempDir Path directory) throws IOException {
        Path first = Files.writeString(directory.resolve("a.txt"), "First title\nFirst body.\n");
        Path second = Files.writeString(directory.resolve("b.txt"), "Second title\nSecond body.\n");
        ArticleMix mix = ArticleMix.cycling(ArticleMix.readFiles(List.of(first, second)));

        List<RawArticle> articles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            articles.add(mix.next());
        }

        assertThat(articles).extracting(RawArticle::title)
                .containsExactly("First title", "Second title", "First title", "Second title", "First title");
        assertThat(articles.get(1).content()).isEqualTo("\nSecond body.\n");
        assertThat(articles).extracting(RawArticle::id).doesNotHaveDuplicates();
        assertThat(articles).extracting(RawArticle::url).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseToCycleThroughNothing() {
        assertThatThrownBy(() -> ArticleMix.cycling(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
