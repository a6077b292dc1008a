package dev.logline.demo.inference;

import dev.logline.context.RequestEvent;
import dev.logline.context.logtrace.LogTrace;
import dev.logline.demo.OrderCorrelation;
import dev.logline.demo.SimulatedWork;
import dev.logline.demo.http.ServiceHost;
import dev.logline.demo.logging.ServiceIdentity;
import dev.logline.demo.logging.ShopLoggers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The inference service: {@code POST /score} (order_id, customer, sku, amount) scores an order's fraud risk and
 * answers the score as text. Each call is one "score order" event with model_version, features_hash, latency_ms
 * and score; a share of model calls is slow (a cold model replica) and also logs a WARN.
 */
public final class InferenceService implements AutoCloseable {

    public static final ServiceIdentity IDENTITY = new ServiceIdentity("inference", "0.9.4");

    /** Model calls slower than this are reported. */
    static final int SLOW_CALL_MS = 250;

    private static final Logger MODEL = ShopLoggers.of(IDENTITY.name(), "Scoring");

    private final double slowCallRate;
    private final ServiceHost host;

    private InferenceService(int port, double slowCallRate) {
        this.slowCallRate = slowCallRate;
        this.host = ServiceHost.start(IDENTITY.name(), port, Map.of("/score", new ScoreServlet()), true);
    }

    /** Starts the service on {@code port} (0: a free one); {@code slowCallRate} of model calls are slow. */
    public static InferenceService start(int port, double slowCallRate) {
        return new InferenceService(port, slowCallRate);
    }

    public URI uri() {
        return host.uri();
    }

    @Override
    public void close() {
        host.close();
    }

    private final class ScoreServlet extends HttpServlet {
        @Override
        @SuppressWarnings("try") // the order scope is opened for its effect on MDC, not used in the body
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String customer = req.getParameter("customer");
            String sku = req.getParameter("sku");
            double amount = Double.parseDouble(req.getParameter("amount"));
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String version = random.nextDouble() < FraudModel.CANARY_SHARE
                    ? FraudModel.CANARY_VERSION : FraudModel.STABLE_VERSION;
            try (MDC.MDCCloseable order = OrderCorrelation.bind(req.getParameter("order_id"));
                 LogTrace t = LogTrace.start(MODEL, "score order")) {
                t.put("model_version", version);
                t.put("features_hash", FraudModel.featuresHash(customer, sku, amount));
                SimulatedWork.pause(2, 8);
                t.add("features loaded");
                boolean slow = random.nextDouble() < slowCallRate;
                int latencyMs = slow ? SimulatedWork.pause(300, 800) : SimulatedWork.pause(5, 30);
                t.add("model invoked");
                double score = FraudModel.score(version, customer, sku, amount);
                t.add("score computed");
                t.put("latency_ms", latencyMs).put("score", score);
                RequestEvent.current().put("model_version", version);
                if (latencyMs > SLOW_CALL_MS) {
                    MODEL.atWarn().setMessage("slow model call")
                            .addKeyValue("model_version", version).addKeyValue("latency_ms", latencyMs)
                            .addKeyValue("threshold_ms", SLOW_CALL_MS).log();
                }
                resp.getWriter().write(Double.toString(score));
            }
        }
    }
}
