package dev.logline.demo;

import dev.logline.demo.traffic.ScenarioMix;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a run of the demo shop can be told; start from {@link #defaults} and change what you need.
 *
 * @param loglineUrl         the Logline server the services ship their logs to
 * @param spoolDir           where the services' appenders spool while the server is away (one folder each)
 * @param basePort           0: every service on a free port; else inventory on it, purchasing +1, ordering +2,
 *                           inference +3, the payment gateway +4
 * @param purchasesPerSecond mean rate of the simulated customers (default 3); 0 for no background traffic
 * @param mix                shares of out-of-stock and payment-timeout purchases (default 10 % and 5 %)
 * @param slowModelRate      share of model calls that are slow (default 0.03)
 * @param seed               seeds the traffic's choices
 * @param modelDir           where the training job writes its datasets, checkpoints, models and drift baselines
 * @param driftShare         share of purchases by brand-new accounts once the drift starts (default 0.3), which
 *                           moves the fraud model's {@code customer_age_days} away from its training data
 * @param driftStart         how long after the start the new accounts begin to buy (default 45 s)
 */
public record DemoSettings(URI loglineUrl, Path spoolDir, int basePort, double purchasesPerSecond, ScenarioMix mix,
                           double slowModelRate, long seed, Path modelDir, double driftShare, Duration driftStart) {

    public static final double DEFAULT_PURCHASES_PER_SECOND = 3.0;
    public static final double DEFAULT_SLOW_MODEL_RATE = 0.03;
    public static final double DEFAULT_DRIFT_SHARE = 0.3;
    public static final Duration DEFAULT_DRIFT_START = Duration.ofSeconds(45);

    public DemoSettings {
        if (basePort < 0 || basePort > 65_531) {
            throw new IllegalArgumentException("the shop's base port must be 0 (free ports) or 1..65531: " + basePort);
        }
        if (purchasesPerSecond < 0 || purchasesPerSecond > 1000) {
            throw new IllegalArgumentException("purchases per second must be 0..1000: " + purchasesPerSecond);
        }
        if (slowModelRate < 0 || slowModelRate > 1) {
            throw new IllegalArgumentException("the slow model call rate must be 0..1: " + slowModelRate);
        }
        if (!(driftShare >= 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("the share of new-account purchases must be 0..1: " + driftShare);
        }
        if (driftStart.isNegative()) {
            throw new IllegalArgumentException("the drift cannot start before the demo: " + driftStart);
        }
    }

    /** The defaults; the models go to {@code demo-models} beside the spool folder. */
    public static DemoSettings defaults(URI loglineUrl, Path spoolDir) {
        Path spool = spoolDir.toAbsolutePath();
        Path parent = spool.getParent() == null ? spool : spool.getParent();
        return new DemoSettings(loglineUrl, spoolDir, 0, DEFAULT_PURCHASES_PER_SECOND, ScenarioMix.DEFAULT,
                DEFAULT_SLOW_MODEL_RATE, System.nanoTime(), parent.resolve("demo-models"), DEFAULT_DRIFT_SHARE,
                DEFAULT_DRIFT_START);
    }

    public DemoSettings withBasePort(int v) {
        return new DemoSettings(loglineUrl, spoolDir, v, purchasesPerSecond, mix, slowModelRate,
                seed, modelDir, driftShare, driftStart);
    }

    public DemoSettings withPurchasesPerSecond(double v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, v, mix, slowModelRate,
                seed, modelDir, driftShare, driftStart);
    }

    public DemoSettings withMix(ScenarioMix v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, purchasesPerSecond, v, slowModelRate,
                seed, modelDir, driftShare, driftStart);
    }

    public DemoSettings withSlowModelRate(double v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, purchasesPerSecond, mix, v,
                seed, modelDir, driftShare, driftStart);
    }

    public DemoSettings withSeed(long v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, purchasesPerSecond, mix, slowModelRate,
                v, modelDir, driftShare, driftStart);
    }

    public DemoSettings withModelDir(Path v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, purchasesPerSecond, mix, slowModelRate,
                seed, v, driftShare, driftStart);
    }

    public DemoSettings withDriftShare(double v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, purchasesPerSecond, mix, slowModelRate,
                seed, modelDir, v, driftStart);
    }

    public DemoSettings withDriftStart(Duration v) {
        return new DemoSettings(loglineUrl, spoolDir, basePort, purchasesPerSecond, mix, slowModelRate,
                seed, modelDir, driftShare, v);
    }

    /** The port of the service at {@code offset} from the base, or 0 when the ports are free ones. */
    int port(int offset) {
        return basePort == 0 ? 0 : basePort + offset;
    }
}
