package dev.logline.cli.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.logline.cli.testing.RunningLogline;
import dev.logline.logback.LoglineEncoder;
import dev.logline.ml.drift.DriftBaseline;
import dev.logline.ml.drift.DriftMonitor;
import dev.logline.ml.inference.InferenceLog;
import dev.logline.ml.inference.InputSummary;
import dev.logline.ml.inference.ServedVersion;
import dev.logline.ml.run.RunLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models pages (ml.html) in headless Chromium against a real server holding what logline-ml logs: four training
 * runs (two that compare, one failed, one that never ended), a served model's summaries in two versions, and a
 * drift event. The events are written by RunLog, InferenceLog and DriftMonitor through LoglineEncoder and shipped
 * as the JSON lines a service prints. Skips where /usr/bin/chromium is missing.
 */
class MlPagesBrowserTest {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STEPS = 20;
    /** Minutes of inference summaries, ending now. */
    private static final int MINUTES = 8;

    @TempDir
    static Path data;

    static HeadlessChromium chromium;
    static RunningLogline logline;
    static String stable;
    static String canary;
    static String failed;
    static String unfinished;
    static long predictionsV1;
    static long errorsV2;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.startOrSkip();
        logline = RunningLogline.start(data);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Logger log = jsonLogger(lines);

        Path dataset = Files.writeString(data.resolve("train.csv"), "amount,label\n12.5,0\n99,1\n");
        stable = train(log, "fraud-lr", 0.5, dataset, "baseline");
        canary = train(log, "fraud-lr", 0.1, dataset, "candidate");
        try {
            RunLog.call(RunLog.builder(log, "fraud-gbm").tag("candidate").param("learning_rate", 2.0).environment(false), run -> {
                run.metric(1, Map.of("loss", 3.5));
                throw new IllegalStateException("loss diverged at step 2");
            });
        } catch (IllegalStateException expected) {
            // the failed run is part of the data
        }
        failed = lastRunId(lines);
        RunLog crashed = RunLog.builder(log, "fraud-lr").tag("nightly").param("learning_rate", 0.3).environment(false).start();
        crashed.metric(1, Map.of("loss", 0.9));
        unfinished = crashed.id();

        serve(log);
        logline.ingest(summariesAtTheirMinute(lines.toString(StandardCharsets.UTF_8)));
        logline.awaitAnswer("/api/v1/search?last=1h&q=ml_event:drift", b -> RunningLogline.eventCount(b) == 1);
        logline.awaitAnswer("/api/v1/search?last=1h&limit=1000&q=ml_event:run_start", b -> RunningLogline.eventCount(b) == 4);
    }

    private static String train(Logger log, String name, double lr, Path dataset, String tag) {
        try (RunLog run = RunLog.builder(log, name).tag(tag).param("learning_rate", lr).param("epochs", 4)
                .param("batch_size", 64).dataset("train", dataset).start()) {
            double loss = 1;
            for (int step = 1; step <= STEPS; step++) {
                loss *= 1 - lr / 4;
                run.metric(step, (step - 1) / 5 + 1, Map.of("loss", loss, "accuracy", 1 - loss / 2));
                if (step % 5 == 0) {
                    run.metric(step, step / 5, Map.of("val_loss", loss * 1.1));
                }
            }
            return run.id();
        }
    }

    /** Two versions of a model serving for {@value #MINUTES} minutes; the second has errors; its inputs drift. */
    private static void serve(Logger log) {
        AtomicLong clock = new AtomicLong(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(MINUTES, ChronoUnit.MINUTES).toEpochMilli());
        Random r = new Random(5);
        DriftBaseline.Builder reference = DriftBaseline.builder("run:" + stable);
        for (int i = 0; i < 2000; i++) {
            reference.add(Map.of("amount", 50 + 10 * r.nextGaussian()));
        }
        try (InferenceLog inference = InferenceLog.builder(log, "fraud-lr").sampleRate(0.1)
                .summaryInterval(Duration.ZERO).clock(clock::get).build();
             DriftMonitor drift = DriftMonitor.builder(log, reference.build()).model("fraud-lr", "v1").window(300)
                     .minWindow(200).every(Duration.ZERO).build()) {
            ServedVersion v1 = inference.version("v1");
            ServedVersion v2 = inference.version("v2");
            for (int minute = 0; minute < MINUTES; minute++) {
                for (int i = 0; i < 60; i++) {
                    long nanos = (long) ((8 + minute + r.nextGaussian()) * 1_000_000);
                    v1.success(Math.max(1, nanos), InputSummary.shape(1, 4), "legit", 0.2);
                    predictionsV1++;
                    if (i % 10 == 0) {
                        v2.failure(nanos * 2, InputSummary.shape(1, 4), new IllegalStateException("stale features"));
                        errorsV2++;
                    } else if (i % 2 == 0) {
                        v2.success(nanos * 2, InputSummary.shape(1, 4), "fraud", 0.8);
                    }
                    drift.observe(Map.of("amount", 70 + 10 * r.nextGaussian()));
                }
                clock.addAndGet(60_000);
                inference.flush();
            }
            drift.check();
        }
    }

    /** The summaries were logged in a burst now; their time is the end of the minute each one covers. */
    private static String summariesAtTheirMinute(String ndjson) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : ndjson.split("\n")) {
            ObjectNode e = (ObjectNode) JSON.readTree(line);
            if ("inference_summary".equals(e.path("ml_event").asText())) {
                e.put("ts", Instant.parse(e.path("window_start").asText()).plusSeconds(59).toString());
            }
            out.append(JSON.writeValueAsString(e)).append('\n');
        }
        return out.toString();
    }

    private static String lastRunId(ByteArrayOutputStream lines) throws Exception {
        String[] all = lines.toString(StandardCharsets.UTF_8).split("\n");
        return JSON.readTree(all[all.length - 1]).path("run_id").asText();
    }

    /** A Logback logger writing LoglineEncoder JSON lines into {@code out}: what a service prints to stdout. */
    private static Logger jsonLogger(ByteArrayOutputStream out) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        LoglineEncoder encoder = new LoglineEncoder();
        encoder.setContext(context);
        encoder.setService("fraud-model");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        return context.getLogger("ml.FraudModel");
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
    void openBrowser() {
        context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 1000));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
    }

    @AfterEach
    void screenshot(TestInfo info) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve(info.getTestMethod().orElseThrow().getName() + ".png")));
        context.close();
        assertThat(consoleErrors).isEmpty();
    }

    private void open(String hash) {
        page.navigate(logline.url() + "/ml.html#" + hash);
        page.waitForSelector("#ml-main[data-ready]");
        assertThat(page.locator("#ml-main").getAttribute("data-ready")).isEqualTo("true");
    }

    @SuppressWarnings("unchecked")
    private List<String> runsListed() {
        return (List<String>) page.locator("table.runs tbody tr").evaluateAll("rs => rs.map(r => r.dataset.run)");
    }

    private List<String> texts(String selector) {
        return page.locator(selector).allTextContents().stream().map(String::strip).toList();
    }

    @Test
    void theRunsPageListsEveryRunWithItsOutcomeAndFiltersByTagAndOutcome() {
        page.navigate(logline.url() + "/");
        page.locator("a[href='ml.html']").click();
        page.waitForSelector("#ml-main[data-ready]");

        assertThat(page.locator("table.runs tbody tr").count()).isEqualTo(4);
        assertThat(page.locator("tr[data-run='" + stable + "'] .outcome").textContent()).isEqualTo("ok");
        assertThat(page.locator("tr[data-run='" + failed + "'] .outcome").textContent()).isEqualTo("error");
        assertThat(page.locator("tr[data-run='" + failed + "'] .outcome").getAttribute("title")).contains("loss diverged");
        assertThat(page.locator("tr[data-run='" + unfinished + "'] .outcome").textContent()).isEqualTo("unfinished");
        assertThat(page.locator("tr[data-run='" + stable + "']").textContent()).contains("loss 0.0");

        page.locator("#run-filters input[name=tag]").fill("candidate");
        page.locator("#run-filters button[type=submit]").click();
        page.waitForCondition(() -> page.locator("table.runs tbody tr").count() == 2);
        assertThat(runsListed()).containsExactlyInAnyOrder(canary, failed);

        open("view=runs&outcome=unfinished");
        assertThat(runsListed()).containsExactly(unfinished);
    }

    @Test
    void theRunPageDrawsEachMetricsCurveByStep() {
        open("view=run&id=" + stable);
        page.waitForSelector(".curve polyline.series");

        assertThat(texts(".curve .chart-title")).containsExactly("accuracy by step", "loss by step", "val_loss by step");
        // loss at every step; val_loss every fifth step, drawn as one line across the steps between.
        String loss = page.locator(".curve[data-metric=loss] polyline.series").getAttribute("points");
        assertThat(loss.trim().split(" ")).hasSize(STEPS);
        assertThat(page.locator(".curve[data-metric=val_loss] polyline.series").getAttribute("points").trim().split(" ")).hasSize(4);
        // The loss falls: the line ends lower on the chart (a larger y) than it starts.
        String[] points = loss.trim().split(" ");
        assertThat(Double.parseDouble(points[points.length - 1].split(",")[1])).isGreaterThan(Double.parseDouble(points[0].split(",")[1]));
        assertThat(texts(".curve[data-metric=loss] .grid-label")).contains("5", "10", "15", "20");

        assertThat(page.locator("#params dd[data-key=learning_rate]").textContent()).isEqualTo("0.5");
        assertThat(page.locator("#datasets").textContent()).contains("train").containsPattern("[0-9a-f]{64}");
        assertThat(page.locator("#environment").textContent()).contains(System.getProperty("java.version"));
        assertThat(page.locator(".ml-head .outcome").textContent()).isEqualTo("ok");
        assertThat(page.locator(".ml-head a[href^='./#trace=']").count()).isEqualTo(1);
    }

    @Test
    void twoRunsComparedShowTheirParameterDifferencesAndOverlaidCurves() {
        open("view=runs");
        page.locator("input.pick[value='" + stable + "']").check();
        assertThat(page.locator("#compare").isDisabled()).isTrue();
        page.locator("input.pick[value='" + canary + "']").check();
        page.locator("#compare").click();
        page.waitForSelector("#ml-main[data-view=compare][data-ready]");
        page.waitForSelector(".curve polyline.series");

        assertThat(page.locator("tr[data-param=learning_rate]").getAttribute("class")).isEqualTo("diff");
        assertThat(texts("tr[data-param=learning_rate] td")).containsExactly("learning_rate", "0.5", "0.1");
        assertThat(page.locator("tr[data-param=epochs]").getAttribute("class")).isEmpty();
        // Same data: the datasets row does not differ.
        assertThat(page.locator("tr[data-param=datasets]").getAttribute("class")).isEmpty();
        for (String metric : List.of("accuracy", "loss", "val_loss")) {
            assertThat(page.locator(".curve[data-metric=" + metric + "] polyline.series").count()).as(metric).isEqualTo(2);
            assertThat(page.locator(".curve[data-metric=" + metric + "] .series-legend .key").count()).isEqualTo(2);
        }
        assertThat(texts(".curve[data-metric=loss] .series-legend .key"))
                .containsExactly("fraud-lr " + stable.substring(0, 8), "fraud-lr " + canary.substring(0, 8));
    }

    @Test
    void theInferencePageShowsLatencyPercentilesAndErrorRateByModelVersion() {
        open("view=inference&last=1h");

        assertThat(texts("table.versions td:nth-child(2)")).containsExactly("v1", "v2");
        assertThat(page.locator("tr[data-version=v1] td").nth(2).textContent()).isEqualTo(Long.toString(predictionsV1));
        assertThat(page.locator("tr[data-version=v2] td").nth(3).textContent()).isEqualTo(Long.toString(errorsV2));
        assertThat(page.locator("tr[data-version=v2] td").nth(4).textContent()).isEqualTo("20.00 %");

        assertThat(page.locator("#latency .timechart").evaluateAll("cs => cs.map(c => c.dataset.aggregate)"))
                .isEqualTo(List.of("p50_ms", "p95_ms", "p99_ms"));
        for (String version : List.of("v1", "v2")) {
            String p95 = page.locator("#latency .timechart[data-aggregate=p95_ms] polyline.series[data-series=" + version + "]")
                    .getAttribute("points");
            assertThat(p95.trim().split(" ")).as(version).hasSizeGreaterThanOrEqualTo(MINUTES - 1);
        }
        assertThat(page.locator("#errors .rate .timechart[data-aggregate=error_rate_pct] polyline.series").count()).isEqualTo(2);
        assertThat(page.locator("#errors .volume .timechart[data-aggregate=predictions]").count()).isEqualTo(1);

        assertThat(texts("table.drift td:nth-child(3)")).containsExactly("amount");
        assertThat(page.locator("#drift").textContent()).contains("run:" + stable);
    }
}
