package dev.logline.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.logline.cli.testing.RunningLogline;
import dev.logline.demo.DemoSettings;
import dev.logline.demo.ShopDashboards;
import dev.logline.demo.ShopDemo;
import dev.logline.demo.traffic.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's shop dashboard in headless Chromium against a real server fed by the real demo shop: every panel
 * renders with data, the $service variable changes the numbers, a timechart has one labelled series per group,
 * a resized panel stays resized after a reload, a bar click opens the search page filtered to its group, and a
 * search saved on the search page opens again from the Saved menu. Skips where /usr/bin/chromium is missing.
 */
class DashboardBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path spool;

    static HeadlessChromium chromium;
    static RunningLogline logline;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        logline = RunningLogline.startWithDashboards(data, ShopDashboards.copyTo(data.resolve("boards")));
        // The real shop, shipping through its appenders: placed orders, declines, payment timeouts (ERRORs).
        try (ShopDemo shop = ShopDemo.start(DemoSettings.defaults(URI.create(logline.url()), spool)
                .withPurchasesPerSecond(0))) {
            for (int i = 0; i < 4; i++) {
                shop.traffic().purchase(Scenario.PLACED);
            }
            shop.traffic().purchase(Scenario.OUT_OF_STOCK);
            shop.traffic().purchase(Scenario.PAYMENT_TIMEOUT);
            shop.traffic().purchase(Scenario.PAYMENT_TIMEOUT);
        }
        logline.awaitAnswer("/api/v1/search?last=1h&q=" + enc("service:inference model_version:*"),
                body -> RunningLogline.eventCount(body) > 0);
        logline.awaitAnswer("/api/v1/search?last=1h&q=" + enc("level:ERROR"), body -> RunningLogline.eventCount(body) > 0);
        logline.awaitAnswer("/api/v1/search?last=1h&q=" + enc("service:purchasing \"purchase completed\""),
                body -> RunningLogline.eventCount(body) >= 4);
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

    @AfterEach
    void screenshot(TestInfo info) {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve("dashboard-" + info.getTestMethod().orElseThrow().getName() + ".png")));
            context.close();
        }
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void open(String path) {
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1400, 1100));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
        page.navigate(logline.url() + path);
    }

    private Locator panel(String id) {
        return page.locator("[data-panel=\"" + id + "\"]");
    }

    /** Waits until every panel of the board has answered. */
    private void awaitPanels(int loads) {
        page.waitForCondition(() -> Integer.parseInt(String.valueOf(page.evaluate(
                "Number(document.querySelector('#board').dataset.loads ?? 0)"))) >= loads);
    }

    private JsonNode api(String path) throws Exception {
        return JSON.readTree(logline.get(path));
    }

    @Test
    void theShopDashboardRendersEveryPanelWithData() {
        open("/dashboards/shop");
        awaitPanels(1);
        assertThat(page.locator("#board-title").innerText()).isEqualTo("Shop");
        assertThat(page.locator("[data-panel]").count()).isEqualTo(6);
        assertThat(page.locator("[data-panel]").evaluateAll("ps => ps.map(p => p.dataset.state)").toString())
                .doesNotContain("error").doesNotContain("null");
        assertThat(panel("errors").locator("rect.bar").count()).isPositive();
        assertThat(panel("latency").locator("rect.bar").count()).isGreaterThan(1);
        assertThat(panel("levels").locator("polyline.series, circle.series").count()).isPositive();
        assertThat(panel("models").locator(".slice").count()).isPositive();
        assertThat(panel("live-errors").locator(".log-line").count()).isPositive();
        // Purchases per minute: a number, coloured by its threshold, with a sparkline.
        String value = panel("purchases").locator(".single-value").getAttribute("data-value");
        assertThat(Double.parseDouble(value)).isPositive();
        assertThat(panel("purchases").locator(".single-value").getAttribute("style")).contains("color:");
        assertThat(panel("purchases").locator("svg.sparkline polyline").count()).isEqualTo(1);
    }

    @Test
    void choosingAServiceChangesThePanelsNumbers() {
        open("/dashboards/shop");
        awaitPanels(1);
        int allBars = panel("latency").locator("rect.bar").count();
        page.locator("select[data-var=\"service\"][data-filled]").waitFor();
        page.locator("select[data-var=\"service\"]").selectOption("inference");
        awaitPanels(2);
        assertThat(panel("latency").locator("rect.bar").count()).isEqualTo(1).isLessThan(allBars);
        assertThat(panel("latency").locator(".group-label").allTextContents()).containsExactly("inference");
        assertThat(panel("levels").getAttribute("data-query")).startsWith("service:inference ");
        assertThat(URLDecoder.decode(page.url(), StandardCharsets.UTF_8)).endsWith("?var-service=inference");
    }

    @Test
    void aTimechartShowsOneLabelledSeriesPerGroup() throws Exception {
        open("/dashboards/shop");
        awaitPanels(1);
        JsonNode table = api("/api/v1/search?last=1h&q=" + enc("service:* | timechart 1m count() by level"));
        TreeSet<String> levels = new TreeSet<>();
        table.get("rows").forEach(r -> levels.add(r.get(1).asText()));
        List<String> legend = panel("levels").locator(".series-legend .key").allTextContents();
        assertThat(new TreeSet<>(legend)).isEqualTo(levels);
        String drawn = String.valueOf(panel("levels").locator("[data-series]").evaluateAll(
                "ms => [...new Set(ms.map(m => m.dataset.series))].sort().join(',')"));
        assertThat(List.of(drawn.split(","))).containsExactlyElementsOf(levels);
        // Levels keep the histogram's colours.
        assertThat(panel("levels").locator(".series-legend .key[data-series=\"INFO\"] i").getAttribute("style"))
                .contains("var(--info)");
    }

    @Test
    void aResizedPanelStaysResizedAfterAReload() throws Exception {
        // Provisioned boards are read-only: work on an imported copy, as a team would.
        var copy = logline.send("POST", "/api/v1/dashboards", logline.get("/api/v1/dashboards/shop"));
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(201);
        String id = JSON.readTree(copy.body()).get("id").asText();
        open("/dashboards/" + id);
        awaitPanels(1);
        BoundingBox handle = panel("purchases").locator(".resize-handle").boundingBox();
        double column = (page.locator("#board").boundingBox().width - 16 * 2) / 12;
        page.mouse().move(handle.x + handle.width / 2, handle.y + handle.height / 2);
        page.mouse().down();
        page.mouse().move(handle.x + 2 * column, handle.y + 66 + handle.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
        page.mouse().up();
        page.waitForCondition(() -> page.locator("#board[data-saved]").count() == 1);
        JsonNode grid = findPanel(api("/api/v1/dashboards/" + id), "purchases").get("grid");
        assertThat(grid.get("w").asInt()).isEqualTo(5);
        assertThat(grid.get("h").asInt()).isEqualTo(5);
        page.reload();
        awaitPanels(1);
        assertThat(panel("purchases").evaluate("p => p.style.gridColumn + ' ' + p.style.gridRow").toString())
                .isEqualTo("1 / span 5 5 / span 5");
    }

    private static JsonNode findPanel(JsonNode doc, String id) {
        for (JsonNode p : doc.get("dashboard").get("panels")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no panel " + id + " in " + doc);
    }

    @Test
    void clickingABarOpensTheSearchPageFilteredToIt() {
        open("/dashboards/shop");
        awaitPanels(1);
        // The widest bar (the largest value) is the surest to hit.
        int widest = ((Number) panel("latency").locator("rect.bar").evaluateAll("rs => rs.reduce((best, r, i) => "
                + "Number(r.getAttribute('width')) > Number(rs[best].getAttribute('width')) ? i : best, 0)")).intValue();
        String group = panel("latency").locator(".group-label").nth(widest).textContent();
        panel("latency").locator("rect.bar").nth(widest).click();
        page.waitForURL(url -> url.contains("/#q="));
        String hash = URLDecoder.decode(String.valueOf(page.evaluate("location.hash")), StandardCharsets.UTF_8);
        assertThat(hash).contains("q=duration_ms:* service:* service:\"" + group + "\"").contains("last=1h");
        page.locator("tr.row").first().waitFor();
        assertThat(page.locator("tr.row td.service").allInnerTexts()).containsOnly(group);
    }

    @Test
    void aSavedSearchIsSavedAndOpenedFromTheSearchPage() {
        open("/#q=" + enc("level:ERROR") + "&last=24h");
        page.locator("tr.row").first().waitFor();
        page.locator("#saved-button").click();
        page.locator("#save-name").fill("Shop errors");
        page.locator("#save-form button[type=submit]").click();
        page.locator(".saved-item:has-text(\"Shop errors\")").waitFor();
        // Somewhere else, then back through the menu.
        page.navigate(logline.url() + "/#q=" + enc("service:inventory") + "&last=1h");
        page.locator("#saved-button").click();
        page.locator(".saved-open:has-text(\"Shop errors\")").click();
        page.waitForCondition(() -> page.locator("#q").inputValue().equals("level:ERROR"));
        assertThat(page.locator("#time-button").innerText()).isEqualTo("Last 24 hours");
        page.locator("tr.row").first().waitFor();
        assertThat(page.locator("tr.row .badge").allInnerTexts()).containsOnly("ERROR");
    }
}
