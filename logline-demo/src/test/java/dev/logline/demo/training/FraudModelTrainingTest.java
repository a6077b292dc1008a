package dev.logline.demo.training;

import dev.logline.demo.model.FraudModel;
import dev.logline.ml.drift.DriftBaseline;
import dev.logline.ml.drift.NumericBaseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The training job learns something real and leaves the files serving needs (its logging: ShopDemoTest). */
class FraudModelTrainingTest {

    @Test
    void theTrainedModelBeatsGuessingTheBaseRate(@TempDir Path dir) {
        TrainedModel trained = FraudModelTraining.train(LoggerFactory.getLogger("test.training"), dir,
                TrainingSettings.STABLE);
        FraudModel model = FraudModel.load(trained.model());
        List<LabeledOrder> holdOut = TrainingData.generate(3000, 99);

        double baseRate = holdOut.stream().filter(LabeledOrder::fraud).count() / (double) holdOut.size();
        double guessing = holdOut.stream().mapToDouble(o -> Evaluation.logLoss(baseRate, o.fraud() ? 1 : 0))
                .average().orElseThrow();
        Evaluation e = Evaluation.of(model, holdOut);

        assertThat(baseRate).isBetween(0.05, 0.5);
        assertThat(e.logLoss()).isLessThan(guessing * 0.9);
        assertThat(e.recall()).isPositive();
        assertThat(model.version()).isEqualTo(TrainingSettings.STABLE.version());
        assertThat(model.runId()).isEqualTo(trained.runId());
    }

    @Test
    void leavesTheDataCheckpointsModelAndBaseline(@TempDir Path dir) throws Exception {
        TrainedModel trained = FraudModelTraining.train(LoggerFactory.getLogger("test.training"), dir,
                TrainingSettings.CANARY);

        assertThat(dir.resolve("datasets/fraud-orders/train.csv")).exists();
        assertThat(Files.readAllLines(dir.resolve("datasets/fraud-orders/train.csv")))
                .hasSize(FraudModelTraining.TRAIN_ROWS + 1).first().isEqualTo("amount,qty,customer_age_days,sku,fraud");
        try (var ckpts = Files.list(dir.resolve(TrainingSettings.CANARY.version()).resolve("checkpoints"))) {
            assertThat(ckpts.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("epoch-04.json", "epoch-08.json", "epoch-12.json");
        }
        DriftBaseline baseline = DriftBaseline.read(trained.baseline());
        assertThat(baseline.name()).isEqualTo("run:" + trained.runId());
        assertThat(baseline.features()).containsOnlyKeys("amount", "qty", "customer_age_days", "sku");
        assertThat(baseline.features().get("customer_age_days")).isInstanceOf(NumericBaseline.class);
        assertThat(baseline.features().get("amount").count()).isEqualTo(FraudModelTraining.TRAIN_ROWS);
    }
}
