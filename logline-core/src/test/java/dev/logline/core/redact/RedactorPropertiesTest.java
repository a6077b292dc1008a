package dev.logline.core.redact;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on arbitrary text: it never throws, redacting twice changes nothing more, and secrets planted among
 * ordinary words (generated card numbers grouped any way, tokens, keys) never come out.
 */
class RedactorPropertiesTest {

    private static final Redactor DEFAULTS = Redactor.of(RedactionPolicy.defaults());
    private static final Redactor EVERYTHING = Redactor.of(RedactionPolicy.builder().withDefaults()
            .rules("detect email; detect iban; detect ipv4; detect ipv6; regex emp /EMP-[0-9]{5}/").build());

    @Property(tries = 2000)
    void anyTextIsRedactedWithoutErrorAndOnlyOnce(@ForAll String text) {
        for (Redactor r : List.of(DEFAULTS, EVERYTHING)) {
            String once = r.text(text);
            assertThat(r.text(once)).isEqualTo(once);
        }
    }

    @Property(tries = 1000)
    void plantedSecretsNeverSurvive(@ForAll("filler") String before, @ForAll("secret") String secret,
                                    @ForAll("filler") String after) {
        String out = DEFAULTS.text(before + " " + secret + " " + after);
        assertThat(out).doesNotContain(secret);
        assertThat(digitsOnly(out)).doesNotContain(digitsOnly(secret).length() >= 13 ? digitsOnly(secret) : "\u0000");
    }

    @Provide
    Arbitrary<String> filler() {
        return Arbitraries.of("order", "ORD-2026-000123", "placed", "for", "customer", "C-1042", "took", "15ms",
                "trace", "4bf92f3577b34da6a3ce929d0e0e4736", "v1.4.2", "2026-11-22T10:00:00Z", "(", ")", ":", "-", "at",
                "user=paul", "{\"a\":1}", "1764000000000", "#12", "—", "é").list().ofMaxSize(6)
                .map(words -> String.join(" ", words));
    }

    @Provide
    Arbitrary<String> secret() {
        Arbitrary<String> cards = Combinators.combine(Arbitraries.of("4", "51", "55", "2221", "34", "37", "6011", "3528"),
                Arbitraries.strings().numeric().ofLength(18), Arbitraries.of("", " ", "-"))
                .as((prefix, digits, sep) -> group(luhnComplete(prefix, digits), sep));
        Arbitrary<String> tokens = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').ofLength(36).map(s -> "ghp_" + s);
        Arbitrary<String> aws = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofLength(16)
                .map(s -> "AKIA" + s);
        Arbitrary<String> bearer = Arbitraries.strings().alpha().numeric().ofMinLength(12).ofMaxLength(40)
                .map(s -> "Bearer " + s);
        return Arbitraries.oneOf(cards, tokens, aws, bearer);
    }

    /** A card number of its brand's length: the prefix, random digits, and the Luhn check digit. */
    private static String luhnComplete(String prefix, String digits) {
        int length = prefix.startsWith("3") && !prefix.equals("3528") ? 15 : 16;
        String body = (prefix + digits).substring(0, length - 1);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    private static String group(String card, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < card.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                b.append(sep);
            }
            b.append(card.charAt(i));
        }
        return b.toString();
    }

    private static String digitsOnly(String s) {
        return s.replaceAll("[^0-9]", "");
    }
}
