package dev.logline.server.auth;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PresentedKeyTest {

    static final ApiKeyToken KEY = ApiKeyToken.generate();

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String presented(HttpMethod method, String query, String... headers) {
        RequestHeaders h = RequestHeaders.builder(method, "/x").add(pairs(headers)).build();
        return PresentedKey.of(h, QueryParams.fromQueryString(query));
    }

    private static Iterable<java.util.Map.Entry<CharSequence, String>> pairs(String... kv) {
        java.util.List<java.util.Map.Entry<CharSequence, String>> list = new java.util.ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            list.add(java.util.Map.entry(kv[i], kv[i + 1]));
        }
        return list;
    }

    @Test
    void everyPlaceClientsPutAKeyIsRead() {
        String k = KEY.text();
        record Case(String why, HttpMethod method, String query, String[] headers) {
        }
        for (Case c : new Case[] {
                new Case("bearer", HttpMethod.POST, "", new String[] {"authorization", "Bearer " + k}),
                new Case("scheme in any case", HttpMethod.POST, "", new String[] {"authorization", "bearer " + k}),
                new Case("ApiKey with the key", HttpMethod.POST, "", new String[] {"authorization", "ApiKey " + k}),
                new Case("ApiKey id:secret (Elasticsearch's split)", HttpMethod.POST, "",
                        new String[] {"authorization", "ApiKey " + b64(KEY.id() + ":" + KEY.secret())}),
                new Case("ApiKey anything:key", HttpMethod.POST, "",
                        new String[] {"authorization", "ApiKey " + b64("beats:" + k)}),
                new Case("Basic user:key (Loki clients)", HttpMethod.POST, "",
                        new String[] {"authorization", "Basic " + b64("promtail:" + k)}),
                new Case("Basic id:secret", HttpMethod.POST, "",
                        new String[] {"authorization", "Basic " + b64(KEY.id() + ":" + KEY.secret())}),
                new Case("X-API-Key", HttpMethod.POST, "", new String[] {"x-api-key", k}),
                new Case("?api_key on GET (EventSource)", HttpMethod.GET, "q=*&api_key=" + k, new String[0]),
        }) {
            assertThat(presented(c.method(), c.query(), c.headers())).as(c.why()).isEqualTo(k);
        }
    }

    @Test
    void noKeyAndKeysInTheWrongPlaceAreNotFound() {
        assertThat(presented(HttpMethod.GET, "q=*")).isNull();
        // A POST body's URL must not carry secrets into proxies' logs.
        assertThat(presented(HttpMethod.POST, "api_key=" + KEY.text())).isNull();
        assertThat(presented(HttpMethod.POST, "", "authorization", "Basic !!!")).isEmpty();
    }
}
