package dev.logline.cli.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI under the server's Content-Security-Policy, in a real browser: searching, opening an event, the trace
 * waterfall and live tail work, and the browser reports no violation of the policy.
 */
class SecureHeadersBrowserTest {

    @TempDir
    static Path data;

    static HeadlessChromium chromium;
    static RunningLogline logline;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        logline = RunningLogline.start(data);
        logline.ingest(ShopTraffic.ndjson(Instant.now()));
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
    void theUiWorksUnderItsPolicyWithoutAViolation() {
        BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1400, 900));
        context.setDefaultTimeout(30_000);
        List<String> violations = new CopyOnWriteArrayList<>();
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Refused to")) {
                violations.add(m.text());
            }
        });
        try {
            page.navigate(logline.url() + "/#q=*&last=1h");
            page.waitForCondition(() -> page.locator("tr.row").count() >= 6);
            page.locator("tr.row").first().click();
            page.locator("tr.row .value[data-trace]").first().click();
            page.waitForCondition(() -> page.url().contains("trace="));
            page.keyboard().press("Escape");
            page.locator("#live").click();
            page.waitForTimeout(500);
            assertThat(violations).isEmpty();
        } finally {
            context.close();
        }
    }
}
