package dev.logline.server.collect.loki;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LokiLabelsTest {

    @Test
    void parsesPrometheusLabelSets() {
        assertThat(LokiLabels.parse("{job=\"varlogs\", host=\"node-1\",filename=\"/var/log/syslog\"}"))
                .containsExactly(
                        java.util.Map.entry("job", "varlogs"),
                        java.util.Map.entry("host", "node-1"),
                        java.util.Map.entry("filename", "/var/log/syslog"));
    }

    @Test
    void readsGoEscapesInValues() {
        assertThat(LokiLabels.parse("{msg=\"say \\\"hi\\\"\\n\", path=\"C:\\\\x\"}"))
                .containsEntry("msg", "say \"hi\"\n")
                .containsEntry("path", "C:\\x");
    }

    @Test
    void emptySetsHaveNoLabels() {
        assertThat(LokiLabels.parse("{}")).isEmpty();
        assertThat(LokiLabels.parse("")).isEmpty();
    }

    @Test
    void malformedSetsSayWhere() {
        assertThatThrownBy(() -> LokiLabels.parse("{job=varlogs}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 5");
        assertThatThrownBy(() -> LokiLabels.parse("{job=\"x\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LokiLabels.parse("job=\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
