package dev.logline.cli.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.logline.cli.Logline;
import dev.logline.cli.testing.RunningLogline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer reads in the web UI, in headless Chromium against a real server: charts that show every series
 * with a legend and the histogram's level colours, times in UTC or the browser's zone (a Europe/Berlin browser),
 * a transaction in time order with the CLI's offsets, rows that expand, click-to-exclude, stack traces as lines,
 * the sidebar saying what it counts, and no abort errors in the console. Skips where /usr/bin/chromium is missing.
 */
class WebUiReadingBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final int INFERENCE_EVENTS = 30;

    @TempDir
    static Path data;

    static HeadlessChromium chromium;
    static RunningLogline logline;
    /** The inference events lie in [t0, t0 + 29 s]; the transaction starts at t0 too. */
    static Instant t0;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        logline = RunningLogline.start(data);
        t0 = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < INFERENCE_EVENTS; i++) {
            String level = i % 10 == 0 ? "ERROR" : i % 7 == 0 ? "WARN" : "INFO";
            // Every sixth event has no model_version: an empty group.
            String version = i % 6 == 5 ? "" : ",\"model_version\":\"" + (i % 2 == 0 ? "v1" : "v2") + "\"";
            b.append("{\"ts\":\"").append(t0.plusSeconds(i)).append("\",\"level\":\"").append(level)
                    .append("\",\"service\":\"inference\",\"msg\":\"prediction ").append(i).append('"').append(version)
                    .append(",\"latency_ms\":").append(20 + i * 3).append(",\"status\":").append(i % 10 == 0 ? 500 : 200);
            if (i == 10) {
                b.append(",\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"model not loaded\","
                        + "\"stack\":\"java.lang.IllegalStateException: model not loaded\\n"
                        + "\\tat shop.inference.Model.predict(Model.java:42)\\n"
                        + "\\tat shop.inference.Endpoint.handle(Endpoint.java:17)\\n\"}");
            }
            b.append("}\n");
        }
        // A transaction: a request event logged when its 557.9 ms of work ended, a DEBUG line logged during it,
        // and events of another service during and after it.
        b.append(tx(t0.plusMillis(558).minusNanos(100_000), "INFO", "shop", "POST /orders", ",\"duration_ms\":557.9"));
        b.append(tx(t0.plusNanos(12_900_000), "DEBUG", "shop", "cart loaded", ""));
        b.append(tx(t0.plusNanos(13_000_000), "INFO", "payments", "card charged", ""));
        b.append(tx(t0.plusNanos(34_400_000), "INFO", "payments", "receipt stored", ""));
        b.append(tx(t0.plusNanos(677_800_000), "INFO", "mail", "confirmation sent", ""));
        logline.ingest(b.toString());
        logline.awaitAnswer("/api/v1/search?last=1h&q=*", body -> RunningLogline.eventCount(body) == INFERENCE_EVENTS + 5);
    }

    private static String tx(Instant ts, String level, String service, String msg, String extra) {
        return "{\"ts\":\"" + ts + "\",\"level\":\"" + level + "\",\"service\":\"" + service + "\",\"msg\":\"" + msg
                + "\",\"trace_id\":\"" + TRACE + "\"" + extra + "}\n";
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

    private void openPage(String timezone) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(1400, 900);
        if (timezone != null) {
            options.setTimezoneId(timezone);
        }
        context = chromium.browser().newContext(options);
        context.setDefaultTimeout(30_000);
        page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(e -> consoleErrors.add(e));
    }

    @AfterEach
    void screenshot(TestInfo info) {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(info.getTestMethod().orElseThrow().getName() + ".png")));
            context.close();
        }
    }

    private void open(String query, String rest) {
        if (page == null) {
            openPage(null);
        }
        page.navigate(logline.url() + "/#q=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")
                + rest);
    }

    private String hash() {
        return URLDecoder.decode(page.evaluate("location.hash").toString(), StandardCharsets.UTF_8);
    }

    private List<String> texts(String selector) {
        // textContent: SVG text has no innerText.
        return page.locator(selector).allTextContents().stream().map(String::strip).toList();
    }

    @Test
    void aMultiAggregateStatsChartShowsEverySeriesWithALegend() {
        open("service:inference | stats count(), avg(latency_ms), p95(latency_ms) by model_version", "&last=1h");
        page.locator("table.stats tbody tr").nth(2).waitFor();
        assertThat(texts(".chart .series-legend .key")).containsExactly("count", "avg(latency_ms)", "p95(latency_ms)");
        int rows = page.locator("table.stats tbody tr").count();
        assertThat(rows).isEqualTo(3);
        for (String series : List.of("count", "avg(latency_ms)", "p95(latency_ms)")) {
            assertThat(page.locator(".chart rect.bar[data-series=\"" + series + "\"]").count()).as(series).isEqualTo(rows);
        }
        // The group without a model_version is named, in the chart and in the table.
        assertThat(texts(".chart .group-label")).contains("v1", "v2", "(none)");
        assertThat(texts("table.stats td.none")).containsExactly("(none)");
        assertThat(page.locator(".chart line.grid").count()).isGreaterThan(3);
    }

    @Test
    void numericGroupKeysAreLabelledWithTheirValues() {
        open("service:inference | stats count() by status", "&last=1h");
        page.locator("table.stats tbody tr").nth(1).waitFor();
        assertThat(texts(".chart .group-label")).containsExactlyInAnyOrder("200", "500");
        assertThat(page.locator(".chart").innerText()).doesNotContain("(all)");
    }

    @Test
    void timechartLevelsHaveTheHistogramsColoursAndFillTheWholeRange() {
        open("service:inference | timechart 1m count() by level", "&last=1h");
        page.locator(".chart polyline.series[data-series=\"ERROR\"]").waitFor();
        page.waitForCondition(() -> page.locator("#histogram rect.lvl-ERROR").count() > 0);
        for (String level : List.of("ERROR", "WARN", "INFO")) {
            Object line = page.evaluate("l => getComputedStyle(document.querySelector("
                    + "`.chart polyline.series[data-series=\"${l}\"]`)).stroke", level);
            Object bar = page.evaluate("l => getComputedStyle(document.querySelector(`#histogram rect.lvl-${l}`)).fill", level);
            assertThat(line).as(level).isEqualTo(bar);
        }
        assertThat(texts(".chart .series-legend .key")).containsExactly("INFO", "WARN", "ERROR");
        // The hour has 60 one-minute buckets: empty ones are drawn as zeros, not skipped.
        String points = page.locator(".chart polyline.series[data-series=\"INFO\"]").getAttribute("points");
        assertThat(points.trim().split(" ").length).isBetween(60, 61);
        // The histogram's legend lists the levels that occur, no others.
        assertThat(page.locator("#legend [data-level]").evaluateAll("ls => ls.map(l => l.dataset.level)"))
                .isEqualTo(List.of("INFO", "WARN", "ERROR"));
        // Its ticks fall on round times (an hour: every 10 minutes).
        assertThat(texts("#histogram .tick-label")).isNotEmpty().allMatch(t -> t.matches("\\d\\d:\\d0"));
    }

    @Test
    void aBerlinBrowserFindsEventsInAnAbsoluteUtcRangeAndInALocalOne() {
        openPage("Europe/Berlin");
        DateTimeFormatter wall = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        Instant from = t0.minusSeconds(60);
        Instant to = t0.plusSeconds(120);
        open("service:inference", "&last=1h");
        page.locator("tr.row").first().waitFor();

        applyRange(wall.format(from.atZone(ZoneOffset.UTC)), wall.format(to.atZone(ZoneOffset.UTC)));
        page.waitForCondition(() -> page.locator("tr.row").count() == INFERENCE_EVENTS);
        assertThat(hashInstant("from")).isEqualTo(from);
        assertThat(hashInstant("to")).isEqualTo(to);
        assertThat(hash()).doesNotContain("tz=");
        assertThat(page.locator("#time-button").innerText()).endsWith("UTC");
        assertThat(page.locator("#results thead").textContent()).contains("Time (UTC)");

        // The same wall times read as UTC are an hour or two off in Berlin: typed as UTC, Berlin's times find nothing.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        applyRange(wall.format(from.atZone(berlin)), wall.format(to.atZone(berlin)));
        page.locator("#results .empty:has-text(\"No events match\")").waitFor();

        page.locator("#time-button").click();
        page.locator("#time-menu button[data-tz=\"local\"]").click();
        page.locator("#time-from").fill(wall.format(from.atZone(berlin)));
        page.locator("#time-to").fill(wall.format(to.atZone(berlin)));
        page.locator("#time-apply").click();
        page.waitForCondition(() -> page.locator("tr.row").count() == INFERENCE_EVENTS);
        assertThat(hash()).contains("tz=local");
        assertThat(hashInstant("from")).isEqualTo(from);
        assertThat(hashInstant("to")).isEqualTo(to);
        assertThat(page.locator("#time-button").innerText()).contains("Europe/Berlin");
        assertThat(page.locator("#results thead").textContent()).contains("Time (local)");
        String firstRowTime = page.locator("tr.row td.time").last().innerText();
        assertThat(firstRowTime).startsWith(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(t0.atZone(berlin)));

        // The address keeps the zone: opened fresh, the page shows local time again.
        String shared = page.url();
        page.navigate("about:blank");
        page.navigate(shared);
        page.locator("tr.row").first().waitFor();
        assertThat(page.locator("#tz-button").innerText()).isEqualTo("Local time");
    }

    private Instant hashInstant(String key) {
        return Instant.parse(hash().replaceAll(".*[#&]" + key + "=([^&]+).*", "$1"));
    }

    private void applyRange(String from, String to) {
        page.locator("#time-button").click();
        page.locator("#time-from").fill(from);
        page.locator("#time-to").fill(to);
        page.locator("#time-apply").click();
    }

    @Test
    void transactionRowsAreInTimeOrderWithTheCliOffsets() {
        open("service:shop", "&last=1h&trace=" + TRACE);
        page.locator("#panel .trace-event").nth(4).waitFor();
        List<String> ui = texts("#panel .trace-event .off");
        List<Double> offsets = page.locator("#panel .trace-event").all().stream()
                .map(l -> Double.parseDouble(l.getAttribute("data-offset-ms"))).toList();
        assertThat(offsets).isSorted();
        assertThat(offsets.get(0)).isZero();
        List<String> messages = page.locator("#panel .trace-event").all().stream()
                .map(l -> l.innerText()).toList();
        assertThat(messages.get(0)).contains("POST /orders");
        assertThat(messages.get(1)).contains("cart loaded");

        StringWriter out = new StringWriter();
        int exit = Logline.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("trace", TRACE, "--url", logline.url());
        assertThat(exit).isZero();
        List<String> cli = new ArrayList<>();
        Matcher m = Pattern.compile("^\\s+(\\+[0-9.]+ m?s)\\s", Pattern.MULTILINE).matcher(out.toString());
        while (m.find()) {
            cli.add(m.group(1));
        }
        assertThat(ui).isEqualTo(cli);
        assertThat(ui).containsExactly("+0.0 ms", "+12.9 ms", "+13.0 ms", "+34.4 ms", "+677.8 ms");
        String duration = page.locator("#panel .trace-duration").innerText();
        assertThat(out.toString().lines().findFirst().orElseThrow()).endsWith(duration);
    }

    @Test
    void clickingARowExpandsItAndMinusExcludesAValue() {
        open("service:inference", "&last=1h");
        page.locator("tr.row").nth(INFERENCE_EVENTS - 1).waitFor();
        // The badge and the service are part of the row: clicking them opens the event, it does not filter.
        page.locator("tr.row .badge").first().click();
        page.locator("tr.detail pre.json").waitFor();
        page.locator("tr.row td.service").first().click();
        page.locator("tr.detail").waitFor(new Locator.WaitForOptions().setState(
                com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        assertThat(hash()).contains("q=service:inference&");
        // The newest event has no model_version; the one before has.
        page.locator("tr.row:has-text(\"prediction 28\") td.msg").click();
        Locator exclude = page.locator("tr.detail button.op[data-op=\"exclude\"][data-field=\"model_version\"]").first();
        String value = exclude.getAttribute("data-value");
        exclude.click();
        page.waitForCondition(() -> hash().contains("q=service:inference -model_version:\"" + value + "\""));
        page.waitForCondition(() -> page.locator("tr.row").count() < INFERENCE_EVENTS);
        assertThat(page.locator("#q").inputValue()).isEqualTo("service:inference -model_version:\"" + value + "\"");
        // The sidebar excludes as well.
        page.locator(".facet[data-facet=\"level\"] button.op[data-op=\"exclude\"][data-value=\"INFO\"]").click();
        page.waitForCondition(() -> hash().contains("-level:\"INFO\""));
        page.waitForCondition(() -> page.locator("tr.row").count() > 0
                && !page.locator("tr.row .badge").allInnerTexts().contains("INFO"));
    }

    @Test
    void aStackTraceIsShownAsLines() {
        open("service:inference level:ERROR \"prediction 10\"", "&last=1h");
        page.locator("tr.row").first().click();
        Locator json = page.locator("tr.detail pre.json");
        json.waitFor();
        List<String> lines = json.innerText().lines().map(String::strip).toList();
        assertThat(lines).contains("at shop.inference.Model.predict(Model.java:42)",
                "at shop.inference.Endpoint.handle(Endpoint.java:17)");
        assertThat(json.innerText()).doesNotContain("\\n").doesNotContain("\\t");
    }

    @Test
    void theSidebarSaysHowManyEventsItCounts() {
        open("service:inference", "&last=1h");
        page.locator(".facet-note").waitFor();
        assertThat(page.locator(".facet-note").innerText()).isEqualTo("Counts from all " + INFERENCE_EVENTS + " events");
    }

    @Test
    void changingTheQueryQuicklyLogsNoAbortErrors() {
        open("service:inference", "&last=1h");
        for (String q : List.of("level:ERROR", "level:WARN", "service:shop", "prediction", "service:inference")) {
            page.locator("#q").fill(q);
            page.locator("#q").press("Enter");
        }
        page.waitForCondition(() -> page.locator("tr.row").count() == INFERENCE_EVENTS);
        page.waitForCondition(() -> page.locator(".facet-note").count() == 1);
        assertThat(consoleErrors).noneMatch(e -> e.toLowerCase().contains("abort"));
    }

    @Test
    void liveTailKeepsTheHistogramAndFieldsCurrent() throws Exception {
        open("service:probe", "&last=1h");
        page.locator("#results .empty").waitFor();
        page.locator("#live").click();
        page.waitForCondition(() -> page.locator("#live-text").innerText().contains("streaming"));
        logline.ingest("{\"ts\":\"" + Instant.now() + "\",\"level\":\"WARN\",\"service\":\"probe\",\"msg\":\"probe\"}\n");
        page.locator("tr.row:has-text(\"probe\")").waitFor();
        page.waitForCondition(() -> "1".equals(page.locator("#histogram").getAttribute("data-total")));
        page.waitForCondition(() -> page.locator(".facet-note").innerText().equals("Counts from all 1 event"));
        assertThat(page.locator("#legend [data-level]").evaluateAll("ls => ls.map(l => l.dataset.level)"))
                .isEqualTo(List.of("WARN"));
    }
}
