package dev.newsflow.support.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

    @Test
    void shouldDefaultToTheServicesOwnPort() {
        Config config = load(OpsSettings.INGEST_PORT, Map.of());

        assertThat(config.get(OpsSettings.PORT)).isEqualTo(9101);
        assertThat(config.get(OpsSettings.HOST)).isEqualTo("0.0.0.0");
        assertThat(config.get(OpsSettings.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void shouldTurnOffWithOffOrANegativePort() {
        assertThat(load(9102, Map.of("ops.port", "off")).get(OpsSettings.PORT)).isEqualTo(OpsSettings.DISABLED);
        assertThat(load(9102, Map.of("ops.port", false)).get(OpsSettings.PORT)).isEqualTo(OpsSettings.DISABLED);
        assertThat(load(9102, Map.of("ops.port", -7)).get(OpsSettings.PORT)).isEqualTo(OpsSettings.DISABLED);
    }

    @Test
    void shouldTakeThePortFromTheEnvironment() {
        Config config = Config.load(OpsSettings.forService(9103), List.of(), Optional.empty(),
                Map.of("NEWSFLOW_OPS_PORT", "19103"));

        assertThat(config.get(OpsSettings.PORT)).isEqualTo(19103);
    }

    @Test
    void shouldReportEveryBadOpsSettingByName() {
        assertThatThrownBy(() -> load(9101, Map.of("ops.port", "http", "ops.host", " ",
                "shutdown.timeout", "0s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ops.port")
                .hasMessageContaining("ops.host")
                .hasMessageContaining("shutdown.timeout");
        assertThatThrownBy(() -> load(9101, Map.of("ops.port", 70_000)))
                .hasMessageContaining("ops.port").hasMessageContaining("65535");
    }

    private static Config load(int defaultPort, Map<String, ?> values) {
        return Config.of(OpsSettings.forService(defaultPort), List.of(), values);
    }
}
