package dev.logline.server.collect.otlp;

import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.Rejection;
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

    /** A full success, or a partial success naming how many records were rejected and why (the first few). */
    public static ExportLogsServiceResponse of(DecodedBatch batch) {
        if (batch.rejected().isEmpty()) {
            return ExportLogsServiceResponse.getDefaultInstance();
        }
        String reasons = batch.rejected().stream().limit(QUOTED_REJECTIONS).map(Rejection::error)
                .collect(Collectors.joining("; "));
        if (batch.rejected().size() > QUOTED_REJECTIONS) {
            reasons += "; and " + (batch.rejected().size() - QUOTED_REJECTIONS) + " more";
        }
        return ExportLogsServiceResponse.newBuilder()
                .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(batch.rejected().size())
                        .setErrorMessage(reasons))
                .build();
    }
}
