package dev.logline.demo.inference;

import dev.logline.demo.model.FraudModel;
import dev.logline.demo.training.TrainedModel;
import dev.logline.ml.drift.DriftBaseline;

/**
 * The models the inference service serves — the stable one and the canary that takes {@link #CANARY_SHARE} of the
 * traffic — and the drift baseline of the stable model's training data, read from what training left behind.
 */
public record ServingModels(FraudModel stable, FraudModel canary, DriftBaseline baseline) {

    /** Share of predictions the canary makes. */
    public static final double CANARY_SHARE = 0.10;

    /** Loads the models and the stable model's baseline from their files. */
    public static ServingModels load(TrainedModel stable, TrainedModel canary) {
        return new ServingModels(FraudModel.load(stable.model()), FraudModel.load(canary.model()),
                DriftBaseline.read(stable.baseline()));
    }
}
