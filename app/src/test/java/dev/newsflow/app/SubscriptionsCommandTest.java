package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Command-line mistakes are reported before Kafka is contacted; the Kafka side is covered by SubscriptionsAdminIT. */
class SubscriptionsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldRefuseUnknownCommandsAndMissingArgumentsWithTheUsageExitCode() {
        assertThat(run("frobnicate")).isEqualTo(Newsflow.USAGE);
        assertThat(err()).contains("unknown subscriptions command 'frobnicate'", "subscriptions list [--json]");

        assertThat(run()).isEqualTo(Newsflow.USAGE);
        assertThat(run("add")).isEqualTo(Newsflow.USAGE);
        assertThat(err()).contains("add needs a subscription id");
        assertThat(run("replay", "desk")).isEqualTo(Newsflow.USAGE);
        assertThat(err()).contains("replay needs --from");
        assertThat(run("replay", "desk", "--from", "yesterday")).isEqualTo(Newsflow.USAGE);
        assertThat(err()).contains("ISO 8601");
        assertThat(run("add", "desk", "--colour", "red")).isEqualTo(Newsflow.USAGE);
        assertThat(err()).contains("unknown option '--colour'");
        assertThat(out.size()).isZero();
    }

    private int run(String... args) {
        err.reset();
        return SubscriptionsCommand.run(List.of(args), Optional.empty(), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
