package dev.logline.query.match;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTokensTest {

    @Test
    void splitsOnEverythingButLettersAndDigitsAndLowerCases() {
        assertThat(MessageTokens.of("Timed-out after 30s: GET /api/v1/Orders?id=ORD987"))
                .containsExactly("timed", "out", "after", "30s", "get", "api", "v1", "orders", "id", "ord987");
    }

    @Test
    void keepsNonAsciiLetters() {
        assertThat(MessageTokens.of("Überweisung fehlgeschlagen — café")).containsExactly("überweisung", "fehlgeschlagen", "café");
    }

    @Test
    void lowerCasesWithTheRootLocale() {
        assertThat(MessageTokens.of("TITLE")).containsExactly("title");
    }

    @Test
    void nothingForNullOrPunctuation() {
        assertThat(MessageTokens.of(null)).isEmpty();
        assertThat(MessageTokens.of(" -- !! ")).isEmpty();
    }
}
