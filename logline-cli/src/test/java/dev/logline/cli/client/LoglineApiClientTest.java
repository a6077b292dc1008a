package dev.logline.cli.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoglineApiClientTest {

    @Test
    void readsTheApiErrorShapeWithItsColumn() {
        ApiException e = LoglineApiClient.error(400, "{\"error\":\"expected a value after ':'\",\"column\":7}");
        assertThat(e.getMessage()).isEqualTo("expected a value after ':'");
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.isClientError()).isTrue();
    }

    @Test
    void aPlainTextErrorBodyBecomesTheMessage() {
        ApiException e = LoglineApiClient.error(502, "Bad Gateway\n");
        assertThat(e.getMessage()).isEqualTo("Bad Gateway");
        assertThat(e.column()).isNull();
        assertThat(e.isClientError()).isFalse();
    }

    @Test
    void rejectsSomethingThatIsNoUrl() {
        assertThatThrownBy(() -> new LoglineApiClient("localhost4680", null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://127.0.0.1:4680");
    }
}
