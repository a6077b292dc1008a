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
import java.nio.file.Paths;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts page in headless Chromium against a real server whose scheduler runs: a rule made in the editor
 * previews its value, is saved, and fires; its history shows it. Skips where /usr/bin/chromium is missing.
 */
class AlertsPageBrowserTest {

    @TempDir
    static Path data;

    static HeadlessChromium chromium;
    static RunningLogline logline;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        logline = RunningLogline.start(data);
        logline.ingest(ShopTraffic.ndjson(Instant.now()));
        logline.awaitAnswer("/api/v1/search?last=1h&q=*", body -> RunningLogline.eventCount(body) == 6);
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
    void aRuleMadeInTheEditorPreviewsItsValueAndFires() {
        BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1400, 900));
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        try {
            page.navigate(logline.url() + "/");
            page.locator("a.nav-link[href='alerts.html']").click();
            page.waitForCondition(() -> page.locator("#rules").innerText().contains("No alert rules yet"));

            page.locator("#new-rule").click();
            page.locator("#f-name").fill("shop errors");
            page.locator("#f-query").fill("level:ERROR");
            page.locator("#f-condition").fill("count() > 0");
            page.locator("#f-window").fill("1h");
            page.locator("#f-interval").fill("1s");
            page.waitForCondition(() -> page.locator("#preview-value").innerText().equals("1"));
            assertThat(page.locator("#preview-note").innerText()).contains("breaching");

            // A bad condition is explained in the editor and previews nothing.
            page.locator("#f-condition").fill("count() >");
            page.locator("#editor-error").waitFor();
            assertThat(page.locator("#editor-error").innerText()).contains("condition");
            page.locator("#f-condition").fill("count() > 0");
            page.waitForCondition(() -> page.locator("#preview-value").innerText().equals("1"));

            page.locator("#save").click();
            page.locator("tr.rule .state-firing").waitFor();
            assertThat(page.locator("tr.rule").innerText()).contains("shop errors", "count() > 0", "firing");
            page.waitForCondition(() -> page.locator("tr.rule svg.sparkline path").getAttribute("d").startsWith("M"));

            page.locator("tr.rule button[data-act='history']").click();
            page.locator("#history-rows .state-firing").waitFor();
            assertThat(page.locator("#history-rows").innerText()).contains("firing");
        } finally {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Paths.get("target", "screenshots", "alertsPage.png")));
            context.close();
        }
    }
}
