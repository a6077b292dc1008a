package dev.logline.server.collect.otlp;

import dev.logline.server.ingest.IngestOutcome;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

import java.util.stream.Collectors;

/** Builds the {@code ExportLogsServiceResponse} both OTLP transports answer with. */
public final class OtlpExportResponses {

    /** The collector name given to the sink. */
    public static final String COLLECTOR = "otlp";

    /** How many rejection reasons the partial-success message quotes before it only counts. */
    private static final int QUOTED_REJECTIONS = 5;

    private OtlpExportResponses() {
    }

    /** A full success, or a partial success naming how many records were rejected and why (the first few, by record number). */
    public static ExportLogsServiceResponse of(IngestOutcome outcome) {
        if (outcome.rejected().isEmpty()) {
            return ExportLogsServiceResponse.getDefaultInstance();
        }
        String reasons = outcome.rejected().stream().limit(QUOTED_REJECTIONS).map(r -> r.error().startsWith("log record ") ? r.error() : "log record " + r.item() + ": " + r.error())
                .collect(Collectors.joining("; "));
        if (outcome.rejected().size() > QUOTED_REJECTIONS) {
            reasons += "; and " + (outcome.rejected().size() - QUOTED_REJECTIONS) + " more";
        }
        return ExportLogsServiceResponse.newBuilder()
                .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(outcome.rejected().size())
                        .setErrorMessage(reasons))
                .build();
    }
}
