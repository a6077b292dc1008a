package dev.logline.demo.training;

import dev.logline.demo.model.FraudModel;
import dev.logline.demo.model.OrderFeatures;
import dev.logline.ml.drift.DriftBaseline;
import dev.logline.ml.run.RunLog;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's training job: logistic regression on generated order history by mini-batch gradient descent, logged
 * end to end with {@link RunLog} — parameters, the datasets by content hash, the training loss every few steps,
 * validation metrics each epoch, checkpoints, the model and its drift baseline as artifacts. Takes well under a
 * second, so the demo starts with freshly trained models.
 */
public final class FraudModelTraining {

    /** Training and validation orders (the same for every run: one dataset version). */
    static final int TRAIN_ROWS = 4000;
    static final int VALIDATION_ROWS = 1000;
    static final long DATA_SEED = 20261201L;
    /** The training loss is logged every this many steps (mini-batches). */
    static final int LOSS_EVERY = 10;
    /** A checkpoint every this many epochs. */
    static final int CHECKPOINT_EVERY = 4;

    private FraudModelTraining() {
    }

    /**
     * Trains one model into {@code modelDir/<version>/} (model.json, baseline.json, checkpoints), the data under
     * {@code modelDir/datasets/}, logging the run to {@code log}.
     */
    public static TrainedModel train(Logger log, Path modelDir, TrainingSettings s) {
        Path data = modelDir.resolve("datasets").resolve("fraud-orders");
        Path out = modelDir.resolve(s.version());
        List<LabeledOrder> train = TrainingData.generate(TRAIN_ROWS, DATA_SEED);
        List<LabeledOrder> validation = TrainingData.generate(VALIDATION_ROWS, DATA_SEED + 1);
        try {
            Files.createDirectories(data);
            Files.createDirectories(out.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model folder " + out.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        TrainingData.write(train, data.resolve("train.csv"));
        TrainingData.write(validation, data.resolve("validation.csv"));

        RunLog.Builder spec = RunLog.builder(log, "fraud-lr").tag("demo", s.role())
                .param("model_version", s.version()).param("learning_rate", s.learningRate()).param("l2", s.l2())
                .param("epochs", s.epochs()).param("batch_size", s.batchSize()).param("seed", s.seed())
                .param("features", "amount,qty,customer_age_days,sku")
                .dataset("train", data.resolve("train.csv")).dataset("validation", data.resolve("validation.csv"));
        return RunLog.call(spec, run -> {
            FraudModel model = fit(run, s, train, validation, out);
            Path modelFile = out.resolve("model.json");
            model.save(modelFile);
            DriftBaseline.Builder baseline = DriftBaseline.builder("run:" + run.id());
            for (LabeledOrder o : train) {
                baseline.add(o.features().toMap());
            }
            Path baselineFile = out.resolve("baseline.json");
            baseline.build().write(baselineFile);
            run.artifact("model", modelFile);
            run.artifact("drift_baseline", baselineFile);
            return new TrainedModel(s.version(), run.id(), modelFile, baselineFile);
        });
    }

    private static FraudModel fit(RunLog run, TrainingSettings s, List<LabeledOrder> train,
                                  List<LabeledOrder> validation, Path out) {
        double[] w = new double[OrderFeatures.SIZE];
        double[] b = {0};
        List<LabeledOrder> order = new ArrayList<>(train);
        Random shuffle = new Random(s.seed());
        long step = 0;
        double lossSum = 0;
        int lossCount = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            // A step decay: the rate halves over the run, so late epochs settle.
            double lr = s.learningRate() / (1 + (epoch - 1) / (double) s.epochs());
            Collections.shuffle(order, shuffle);
            for (int start = 0; start < order.size(); start += s.batchSize()) {
                List<LabeledOrder> batch = order.subList(start, Math.min(order.size(), start + s.batchSize()));
                lossSum += gradientStep(w, b, batch, lr, s.l2());
                lossCount++;
                step++;
                if (step % LOSS_EVERY == 0) {
                    run.metric(step, epoch, Map.of("train_loss", lossSum / lossCount, "learning_rate", lr));
                    lossSum = 0;
                    lossCount = 0;
                }
            }
            FraudModel current = new FraudModel(s.version(), run.id(), w, b[0]);
            Map<String, Double> metrics = Evaluation.of(current, validation).toMetrics();
            run.metric(step, epoch, metrics);
            if (epoch % CHECKPOINT_EVERY == 0) {
                Path ckpt = out.resolve("checkpoints").resolve(String.format("epoch-%02d.json", epoch));
                current.save(ckpt);
                run.checkpoint(step, ckpt, Map.of("val_loss", metrics.get("val_loss")));
            }
        }
        return new FraudModel(s.version(), run.id(), w, b[0]);
    }

    /** One mini-batch of gradient descent on the log loss with L2; returns the batch's mean loss before the step. */
    private static double gradientStep(double[] w, double[] b, List<LabeledOrder> batch, double lr, double l2) {
        double[] gw = new double[w.length];
        double gb = 0;
        double loss = 0;
        FraudModel m = new FraudModel("", "", w, b[0]);
        for (LabeledOrder o : batch) {
            double[] x = o.features().vector();
            double p = m.probability(x);
            double y = o.fraud() ? 1 : 0;
            loss += Evaluation.logLoss(p, y);
            for (int i = 0; i < w.length; i++) {
                gw[i] += (p - y) * x[i];
            }
            gb += p - y;
        }
        int n = batch.size();
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * (gw[i] / n + l2 * w[i]);
        }
        b[0] -= lr * gb / n;
        return loss / n;
    }
}
