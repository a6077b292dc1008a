package dev.logline.ml;

/**
 * The kinds of event logline-ml writes, as the value of the {@link #FIELD ml_event} attribute: what the UI and
 * LQL select them by ({@code ml_event:metric run_id:…}). docs/ML.md lists the fields of each.
 */
public enum MlEvent {

    /** A training run began: name, tags, parameters, datasets, code version, environment. */
    RUN_START("run_start"),
    /** Parameters set after the start. */
    PARAMS("params"),
    /** Metrics at one step (and epoch) of a run. */
    METRIC("metric"),
    /** A checkpoint written: path, size, content hash, metrics. */
    CHECKPOINT("checkpoint"),
    /** A file the run produced (a model, a baseline, a report). */
    ARTIFACT("artifact"),
    /** A run ended: outcome, duration, the reason on failure, the last metrics. */
    RUN_END("run_end"),
    /** One prediction (sampled). */
    INFERENCE("inference"),
    /** A model version's predictions over one interval: count, errors, latency percentiles. */
    INFERENCE_SUMMARY("inference_summary"),
    /** One evaluation of the drift monitor: PSI (and KS) per feature. */
    DRIFT_CHECK("drift_check"),
    /** A feature whose live distribution moved past a threshold from its baseline. */
    DRIFT("drift");

    /** The attribute every logline-ml event carries. */
    public static final String FIELD = "ml_event";

    private final String value;

    MlEvent(String value) {
        this.value = value;
    }

    /** The attribute's value, e.g. {@code run_start}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
