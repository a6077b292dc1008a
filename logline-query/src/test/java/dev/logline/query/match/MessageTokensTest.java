package dev.logline.query.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void theVisitorSeesWhereEachTokenSitsInTheOriginalText() {
        List<String> seen = new ArrayList<>();
        String text = "GET /Orders?id=\uD801\uDC00x7";
        MessageTokens.forEach(text, (token, start, end) -> seen.add(token + "@" + start + "-" + end));
        // The Deseret letter is a surrogate pair: offsets count chars, and lower-casing happens after slicing.
        assertThat(seen).containsExactly("get@0-3", "orders@5-11", "id@12-14", "\uD801\uDC28x7@15-19");
        assertThat(text.substring(5, 11)).isEqualTo("Orders");
    }
}
