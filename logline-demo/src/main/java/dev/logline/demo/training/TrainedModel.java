package dev.logline.demo.training;

import java.nio.file.Path;

/**
 * What a training run left behind for serving.
 *
 * @param model    the model's JSON file
 * @param baseline the drift baseline of its training data
 */
public record TrainedModel(String version, String runId, Path model, Path baseline) {
}
