package dev.logline.cli.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import dev.logline.server.auth.IssuedKey;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The web UI against a server that requires API keys: it asks for one on 401 and works once given it. */
class WebUiAuthBrowserTest {

    @TempDir
    static Path data;

    static HeadlessChromium chromium;
    static RunningLogline logline;
    static IssuedKey read;
    static IssuedKey ingest;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        read = KeyFile.in(data).create(Role.READ, "default", "browser");
        ingest = KeyFile.in(data).create(Role.INGEST, "default", "browser test shipper");
        logline = RunningLogline.startWithKeys(data);
        logline.ingest(ShopTraffic.ndjson(Instant.now()), ingest.token().text());
    }

    @AfterAll
    static void stop() throws Exception {
        if (logline != null) {
            logline.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void asksForAKeyOn401AndWorksOnceItHasOne() throws Exception {
        BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1400, 900));
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        try {
            page.navigate(logline.url() + "/#q=-service:billing&last=1h");
            page.locator("#auth").waitFor();
            assertThat(page.locator("#auth-message").innerText()).contains("needs an API key with the read role");
            assertThat(page.locator("#sign-out").isVisible()).isFalse();

            // A wrong key: the prompt comes back with the server's reason.
            page.locator("#auth-key").fill("ll_0123456789ab_" + "A".repeat(43));
            page.locator("#auth-submit").click();
            page.waitForCondition(() -> page.locator("#auth-message").innerText().contains("unknown API key"));
            assertThat(page.locator("#auth").isVisible()).isTrue();

            page.locator("#auth-key").fill(read.token().text());
            page.locator("#auth-submit").click();
            // Indexing is near-real-time: rows appear once the six events are searchable (searching again if not yet).
            page.waitForCondition(() -> {
                if (page.locator("tr.row").count() >= 6) {
                    return true;
                }
                page.locator("#run").click();
                page.waitForTimeout(200);
                return false;
            });
            assertThat(page.locator("#auth").isVisible()).isFalse();
            assertThat(page.locator("#results").innerText()).contains("order placement timed out");
            assertThat(page.locator("#sign-out").isVisible()).isTrue();
            assertThat(page.evaluate("sessionStorage.getItem('logline.apiKey')")).isEqualTo(read.token().text());
            assertThat(page.evaluate("localStorage.getItem('logline.apiKey')")).isNull();

            // The live tail carries the key as ?api_key= (EventSource cannot send headers).
            page.locator("#live").click();
            page.waitForCondition(() -> page.locator("#live-text").innerText().contains("streaming"));
            logline.ingest(ShopTraffic.event(Instant.now(), "WARN", "checkout", "keyed live event", "") + "\n",
                    ingest.token().text());
            page.locator("tr.row:has-text(\"keyed live event\")").waitFor();

            page.locator("#sign-out").click();
            page.locator("#auth").waitFor();
            assertThat(page.evaluate("sessionStorage.getItem('logline.apiKey')")).isNull();
        } finally {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Paths.get("target", "screenshots", "asksForAKeyOn401AndWorksOnceItHasOne.png")));
            context.close();
        }
    }
}
