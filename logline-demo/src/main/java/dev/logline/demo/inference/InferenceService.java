package dev.logline.demo.inference;

import dev.logline.context.RequestEvent;
import dev.logline.context.logtrace.LogTrace;
import dev.logline.demo.OrderCorrelation;
import dev.logline.demo.SimulatedWork;
import dev.logline.demo.http.ServiceHost;
import dev.logline.demo.logging.ServiceIdentity;
import dev.logline.demo.logging.ShopLoggers;
import dev.logline.demo.model.CustomerDirectory;
import dev.logline.demo.model.FraudModel;
import dev.logline.demo.model.OrderFeatures;
import dev.logline.ml.drift.DriftMonitor;
import dev.logline.ml.drift.FeatureDrift;
import dev.logline.ml.inference.InferenceLog;
import dev.logline.ml.inference.InferenceSummary;
import dev.logline.ml.inference.InputSummary;
import dev.logline.ml.inference.ServedVersion;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The inference service: {@code POST /score} (order_id, customer, sku, qty, amount) scores an order's fraud risk
 * with the trained logistic regression and answers the score as text. Each call is one "score order" event with
 * model_version, features_hash, latency_ms and score; a share of model calls is slow (a cold model replica) and
 * also logs a WARN. Through logline-ml it also logs sampled {@code inference} events and a per-minute
 * {@code inference_summary} per model version ({@link InferenceLog}), and watches the features for drift from the
 * training data ({@link DriftMonitor}: {@code drift_check} and {@code drift} events). The canary has a flaky
 * feature cache: a small share of its predictions fail, are logged as errors and answered with a fallback score.
 */
public final class InferenceService implements AutoCloseable {

    public static final ServiceIdentity IDENTITY = new ServiceIdentity("inference", "0.9.4");

    /** The model name of both versions, in inference and drift events. */
    public static final String MODEL = "fraud-lr";

    /** Model calls slower than this are reported. */
    static final int SLOW_CALL_MS = 250;
    /** Share of the canary's predictions that fail (answered with {@link #FALLBACK_SCORE}). */
    static final double CANARY_ERROR_RATE = 0.015;
    static final double FALLBACK_SCORE = 0.5;
    /** Share of successful predictions logged one by one; summaries count them all. */
    static final double PREDICTION_SAMPLE_RATE = 0.25;
    /** Drift: the latest inputs compared, the fewest judged, how often. */
    public static final int DRIFT_WINDOW = 200;
    static final int DRIFT_MIN_WINDOW = 100;
    static final Duration DRIFT_EVERY = Duration.ofSeconds(30);

    private static final Logger MODEL_LOG = ShopLoggers.of(IDENTITY.name(), "Scoring");
    private static final Logger DRIFT_LOG = ShopLoggers.of(IDENTITY.name(), "Drift");

    private final double slowCallRate;
    private final ServingModels models;
    private final InferenceLog inference;
    private final ServedVersion stable;
    private final ServedVersion canary;
    private final DriftMonitor drift;
    private final ServiceHost host;

    private InferenceService(int port, double slowCallRate, ServingModels models) {
        this.slowCallRate = slowCallRate;
        this.models = models;
        this.inference = InferenceLog.builder(MODEL_LOG, MODEL).sampleRate(PREDICTION_SAMPLE_RATE).build();
        this.stable = inference.version(models.stable().version());
        this.canary = inference.version(models.canary().version());
        this.drift = DriftMonitor.builder(DRIFT_LOG, models.baseline()).model(MODEL, models.stable().version())
                .window(DRIFT_WINDOW).minWindow(DRIFT_MIN_WINDOW).every(DRIFT_EVERY).build();
        this.host = ServiceHost.start(IDENTITY.name(), port, Map.of("/score", new ScoreServlet()), true);
    }

    /** Starts the service on {@code port} (0: a free one); {@code slowCallRate} of model calls are slow. */
    public static InferenceService start(int port, double slowCallRate, ServingModels models) {
        return new InferenceService(port, slowCallRate, models);
    }

    public URI uri() {
        return host.uri();
    }

    /** Logs the inference summaries of the interval in progress now (they are also logged every minute). */
    public List<InferenceSummary> flushSummaries() {
        return inference.flush();
    }

    /** Compares the recent inputs with the training data now (also done every 30 s). */
    public List<FeatureDrift> checkDrift() {
        return drift.check();
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            drift.close();
            inference.close();
        }
    }

    private final class ScoreServlet extends HttpServlet {
        @Override
        @SuppressWarnings("try") // the order scope is opened for its effect on MDC, not used in the body
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String customer = req.getParameter("customer");
            String sku = req.getParameter("sku");
            double amount = Double.parseDouble(req.getParameter("amount"));
            String qtyParam = req.getParameter("qty");
            int qty = qtyParam == null ? 1 : Integer.parseInt(qtyParam);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            boolean onCanary = random.nextDouble() < ServingModels.CANARY_SHARE;
            FraudModel model = onCanary ? models.canary() : models.stable();
            ServedVersion served = onCanary ? canary : stable;
            try (MDC.MDCCloseable order = OrderCorrelation.bind(req.getParameter("order_id"));
                 LogTrace t = LogTrace.start(MODEL_LOG, "score order")) {
                t.put("model_version", model.version());
                t.put("features_hash", FraudModel.featuresHash(customer, sku, amount));
                OrderFeatures features = new OrderFeatures(amount, qty, CustomerDirectory.ageDays(customer), sku);
                SimulatedWork.pause(2, 8);
                t.add("features loaded");
                drift.observe(features.toMap());
                long start = System.nanoTime();
                boolean slow = random.nextDouble() < slowCallRate;
                if (slow) {
                    SimulatedWork.pause(300, 800);
                } else {
                    SimulatedWork.pause(5, 30);
                }
                boolean fails = onCanary && random.nextDouble() < CANARY_ERROR_RATE;
                double score = fails ? FALLBACK_SCORE : model.score(features);
                long nanos = System.nanoTime() - start;
                t.add("model invoked");
                InputSummary input = InputSummary.features(features.toMap());
                if (fails) {
                    served.failure(nanos, input, new IllegalStateException("feature cache returned a stale vector "
                            + "for " + customer + "; answered the fallback score " + FALLBACK_SCORE));
                    t.put("fallback", true);
                } else {
                    served.success(nanos, input, score >= 0.5 ? "fraud" : "legit", score);
                }
                t.add("score computed");
                double latencyMs = Math.round(nanos / 1_000.0) / 1_000.0;
                t.put("latency_ms", latencyMs).put("score", Math.round(score * 1000) / 1000.0);
                RequestEvent.current().put("model_version", model.version());
                if (latencyMs > SLOW_CALL_MS) {
                    MODEL_LOG.atWarn().setMessage("slow model call")
                            .addKeyValue("model_version", model.version()).addKeyValue("latency_ms", latencyMs)
                            .addKeyValue("threshold_ms", SLOW_CALL_MS).log();
                }
                resp.getWriter().write(Double.toString(score));
            }
        }
    }
}
