package dev.logline.cli.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in headless Chromium against a real server and store. Skips where /usr/bin/chromium is missing.
 * Each test leaves a screenshot in target/screenshots.
 */
class WebUiBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @TempDir
    static Path data;

    static HeadlessChromium chromium;
    static RunningLogline logline;

    private BrowserContext context;
    private Page page;

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

    @BeforeEach
    void openPage() {
        context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1400, 900));
        // Generous: indexing is near-real-time and CI machines are shared; waits end as soon as the page is ready.
        context.setDefaultTimeout(30_000);
        page = context.newPage();
    }

    @AfterEach
    void screenshot(TestInfo info) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve(info.getTestMethod().orElseThrow().getName() + ".png")));
        context.close();
    }

    private void open(String hash) {
        page.navigate(logline.url() + "/#" + hash);
    }

    private String hash() {
        return URLDecoder.decode(page.evaluate("location.hash").toString(), StandardCharsets.UTF_8);
    }

    @Test
    void searchShowsIngestedEvents() {
        // The live-tail test adds billing events to the shared server; this view is of the shop's six.
        open("q=-service:billing&last=1h");
        page.locator("tr.row").nth(5).waitFor();
        assertThat(page.locator("tr.row").count()).isEqualTo(6);
        assertThat(page.locator("#results").innerText()).contains("order placement timed out", "stock reserved");
        // Newest first.
        assertThat(page.locator("tr.row td.msg").first().innerText()).startsWith("cache warm");
        page.waitForCondition(() -> page.locator("#histogram rect.lvl-ERROR").count() > 0);
        page.locator(".facet[data-facet=\"service\"]").waitFor();
        assertThat(page.locator(".facet[data-facet=\"service\"]").innerText()).contains("purchasing");
    }

    @Test
    void expandingARowShowsItsJson() {
        open("q=level:ERROR&last=1h");
        page.locator("tr.row").first().click();
        Locator json = page.locator("tr.detail pre.json");
        json.waitFor();
        assertThat(json.innerText()).contains("\"error\"", "java.net.SocketTimeoutException", ShopTraffic.TRACE_ID);
    }

    @Test
    void aBadQueryShowsItsErrorWithTheColumn() {
        open("last=1h");
        page.locator("#q").fill("level:(ERROR");
        page.locator("#q").press("Enter");
        page.locator("#query-error").waitFor();
        assertThat(page.locator("#query-error-message").innerText()).isNotBlank();
        assertThat(page.locator("#query-error-marker").innerText()).contains("level:(ERROR").containsPattern("\\^ column \\d+");
        assertThat(page.locator("tr.row").count()).isZero();
    }

    @Test
    void clickingAFieldValueFilters() {
        open("q=-service:billing&last=1h");
        page.locator("tr.row").nth(5).waitFor();
        // A row expands; its values filter.
        page.locator("tr.row:has-text(\"payment accepted\")").click();
        page.locator("tr.detail .value[data-field=\"service\"][data-value=\"purchasing\"]").click();
        page.waitForCondition(() -> hash().contains("q=-service:billing service:\"purchasing\""));
        page.waitForCondition(() -> page.locator("tr.row").count() == 2);
        assertThat(page.locator("#q").inputValue()).isEqualTo("-service:billing service:\"purchasing\"");
        assertThat(page.locator("tr.row td:nth-child(3)").allInnerTexts()).containsOnly("purchasing");
    }

    @Test
    void openingATraceShowsThreeServicesInOrder() {
        open("q=level:ERROR&last=1h");
        page.locator("tr.row .value[data-trace]").first().click();
        page.locator("#panel .lane").nth(2).waitFor();
        List<String> lanes = page.locator("#panel .lane").evaluateAll("ls => ls.map(l => l.dataset.service)")
                instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
        assertThat(lanes).containsExactly("inventory", "purchasing", "ordering");
        assertThat(page.locator("#panel .mark.error").count()).isEqualTo(1);
        assertThat(page.locator("#panel .mark.step").count()).isEqualTo(2);
        assertThat(page.locator("#panel .gap-note").count()).isEqualTo(2);
        assertThat(hash()).contains("trace=" + ShopTraffic.TRACE_ID);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("traceWaterfall.png")));
        page.keyboard().press("Escape");
        page.locator("#panel").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    }

    @Test
    void aCorrelationFieldOpensTheSameTransaction() {
        open("q=" + java.net.URLEncoder.encode("\"payment accepted\"", StandardCharsets.UTF_8) + "&last=1h");
        page.locator("tr.row").first().click();
        page.locator("button[data-action=\"trace\"][data-field=\"order_id\"]").click();
        page.locator("#panel .lane").nth(2).waitFor();
        assertThat(page.locator("#panel-title").innerText()).isEqualTo("Transaction order_id=ORD987");
        assertThat(page.locator("#panel .lane").count()).isEqualTo(3);
        assertThat(hash()).contains("trace=ORD987").contains("field=order_id");
    }

    @Test
    void liveTailReceivesANewEvent() throws Exception {
        open("q=service:billing&last=1h");
        page.locator("#results .empty").waitFor();
        page.locator("#live").click();
        page.waitForCondition(() -> page.locator("#live-text").innerText().contains("streaming"));
        logline.ingest(ShopTraffic.event(Instant.now(), "WARN", "billing", "live event arrived", "") + "\n");
        page.locator("tr.row:has-text(\"live event arrived\")").waitFor();
        page.locator("#live-pause").click();
        assertThat(page.locator("#live-status").getAttribute("class")).contains("paused");
    }

    @Test
    void aQueryLongerThanAUrlTakesTheServersPostFormAndStillTails() throws Exception {
        // Over 1,500 characters: the UI sends search, histogram, fields and the live tail as POST bodies.
        StringBuilder exclusions = new StringBuilder();
        for (int i = 0; exclusions.length() < 3_000; i++) {
            exclusions.append(" -msg:\"no such message ").append(i).append('"');
        }
        List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.method().equals("POST")) {
                posts.add(r.url().replaceAll("^https?://[^/]+", ""));
            }
        });
        open("q=" + java.net.URLEncoder.encode("-service:billing" + exclusions, StandardCharsets.UTF_8) + "&last=1h");
        page.locator("tr.row").nth(5).waitFor();
        assertThat(page.locator("tr.row").count()).isEqualTo(6);
        page.waitForCondition(() -> page.locator("#histogram rect.lvl-ERROR").count() > 0);
        assertThat(posts).contains("/api/v1/search", "/api/v1/histogram", "/api/v1/fields");

        // billing, as the other live test: the views of the shop's six events leave it out
        String tailed = "service:billing \"long tail event arrived\"" + exclusions;
        open("q=" + java.net.URLEncoder.encode(tailed, StandardCharsets.UTF_8) + "&last=1h");
        page.locator("#results .empty").waitFor();
        page.locator("#live").click();
        page.waitForCondition(() -> page.locator("#live-text").innerText().contains("streaming"));
        assertThat(posts).contains("/api/v1/tail");
        logline.ingest(ShopTraffic.event(Instant.now(), "WARN", "billing", "long tail event arrived", "") + "\n");
        page.locator("tr.row:has-text(\"long tail event arrived\")").waitFor();
    }

    @Test
    void draggingOverTheHistogramZoomsTheTimeRange() {
        open("q=*&last=1h");
        page.waitForCondition(() -> page.locator("#histogram rect.lvl-INFO").count() > 0);
        BoundingBox box = page.locator("#histogram svg").boundingBox();
        double y = box.y + box.height / 2;
        page.mouse().move(box.x + box.width * 0.5, y);
        page.mouse().down();
        page.mouse().move(box.x + box.width * 0.7, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().move(box.x + box.width * 0.99, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        page.waitForCondition(() -> hash().contains("from=") && hash().contains("to="));
        assertThat(hash()).doesNotContain("last=");
        Instant from = Instant.parse(hash().replaceAll(".*from=([^&]+).*", "$1"));
        Instant to = Instant.parse(hash().replaceAll(".*to=([^&]+).*", "$1"));
        assertThat(java.time.Duration.between(from, to).toMinutes()).isBetween(20L, 31L);
        assertThat(page.locator("#time-button").innerText()).contains("→");
        // The events of the last minutes are inside the zoomed range.
        page.locator("tr.row").nth(5).waitFor();
    }

    @Test
    void statsQueryShowsATableAndABarChart() {
        open("q=" + java.net.URLEncoder.encode("-service:billing | stats count() by service", StandardCharsets.UTF_8)
                + "&last=1h");
        page.locator("table.stats tbody tr").nth(2).waitFor();
        assertThat(page.locator("table.stats tbody tr").count()).isEqualTo(3);
        assertThat(page.locator("table.stats thead").textContent()).contains("service");
        assertThat(page.locator(".chart svg rect.bar").count()).isEqualTo(3);
        assertThat(page.locator("#summary").innerText()).startsWith("3 rows");
    }

    @Test
    void eventsAroundAnEventHighlightTheEvent() {
        open("q=level:ERROR&last=1h");
        page.locator("tr.row").first().click();
        page.locator("button[data-action=\"context\"]").click();
        page.locator("#panel .context-row.anchor").waitFor();
        assertThat(page.locator("#panel .context-row.anchor").innerText()).contains("order placement timed out");
        assertThat(page.locator("#panel .context-row").allInnerTexts()).allMatch(t -> t.contains("ordering"));
        assertThat(hash()).contains("ctx=");
    }

    @Test
    void timePickerAndKeyboardKeepTheViewInTheUrl() {
        open("q=service:inventory&last=15m");
        page.locator("tr.row").nth(1).waitFor();
        assertThat(page.locator("#time-button").innerText()).isEqualTo("Last 15 minutes");
        page.locator("#time-button").click();
        page.locator("#time-menu button[data-last=\"24h\"]").click();
        page.waitForCondition(() -> hash().contains("last=24h"));
        assertThat(page.locator("#time-button").innerText()).isEqualTo("Last 24 hours");
        // "/" focuses the search box from anywhere; Enter runs the query.
        page.mouse().click(700, 880);
        page.keyboard().press("/");
        assertThat(page.evaluate("document.activeElement.id")).isEqualTo("q");
        page.keyboard().press("Control+A");
        page.keyboard().type("level:WARN -service:billing");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> hash().contains("q=level:WARN -service:billing"));
        page.waitForCondition(() -> page.locator("tr.row").count() == 1);
        // The address is the view: opening it fresh shows the same query, range and results.
        String shared = page.url();
        page.navigate("about:blank");
        page.navigate(shared);
        page.locator("tr.row").first().waitFor();
        assertThat(page.locator("#q").inputValue()).isEqualTo("level:WARN -service:billing");
        assertThat(page.locator("#time-button").innerText()).isEqualTo("Last 24 hours");
        assertThat(page.locator("tr.row td.msg").first().innerText()).startsWith("stock low");
    }

    @Test
    void followsADarkSystemTheme() {
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        open("q=-service:billing&last=1h");
        page.locator("tr.row").nth(5).waitFor();
        String dark = page.evaluate("getComputedStyle(document.body).backgroundColor").toString();
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.LIGHT));
        String light = page.evaluate("getComputedStyle(document.body).backgroundColor").toString();
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        assertThat(dark).isEqualTo("rgb(15, 18, 24)");
        assertThat(light).isEqualTo("rgb(246, 247, 249)");
    }
}
