package dev.logline.demo.training;

/**
 * The hyperparameters of one training run of the fraud model, and the version its model is served as.
 *
 * @param role what the run's model is for, logged as a tag: {@code stable} or {@code canary}
 */
public record TrainingSettings(String version, String role, double learningRate, double l2, int epochs,
                               int batchSize, long seed) {

    /** The model most traffic is scored with. */
    public static final TrainingSettings STABLE = new TrainingSettings("fraud-lr-2026.12.1", "stable", 0.8, 1e-4, 12, 64, 1);
    /** The release candidate: a smaller step and more regularisation, on the same data. */
    public static final TrainingSettings CANARY = new TrainingSettings("fraud-lr-2026.12.2-rc1", "canary", 0.25, 3e-3, 12, 32, 2);
}
