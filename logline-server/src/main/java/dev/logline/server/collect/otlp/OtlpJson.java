package dev.logline.server.collect.otlp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.logline.core.LogEventJson;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.JsonSyntax;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Reads and writes OTLP/JSON, which is protobuf's JSON mapping with one exception this class handles:
 * trace and span ids are hex strings, not base64.
 */
public final class OtlpJson {

    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "trace_id", "span_id");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpJson() {
    }

    /**
     * Parses an OTLP/JSON logs export.
     *
     * @throws IllegalArgumentException saying what is wrong when the body is not one
     */
    public static ExportLogsServiceRequest parseLogsRequest(byte[] json) {
        String protoJson = hexIdsToBase64(json);
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        try {
            PARSER.merge(protoJson, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new BadRequestException("the body is JSON but not an OTLP/JSON logs export"
                    + mappingProblem(e) + "; see the OTLP specification's JSON encoding (resourceLogs → scopeLogs → logRecords)", e);
        }
        return builder.build();
    }

    /** Prints a message (a response) in OTLP/JSON. */
    public static String print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("OTLP messages always print", e);
        }
    }

    /** Copies the JSON token by token, rewriting the value of every id field from hex to base64. */
    private static String hexIdsToBase64(byte[] json) {
        StringWriter out = new StringWriter(json.length);
        try (JsonParser p = LogEventJson.FACTORY.createParser(json);
             JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new BadRequestException("the body is not an OTLP/JSON logs export: expected a JSON object {\"resourceLogs\": [...]}");
            }
            String field = null;
            for (; t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                    g.writeFieldName(field);
                    continue;
                }
                if (t == JsonToken.VALUE_STRING && field != null && ID_FIELDS.contains(field)
                        && p.getParsingContext().inObject()) {
                    g.writeString(hexToBase64(field, p.getText()));
                } else {
                    g.copyCurrentEvent(p);
                }
                field = null;
            }
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + JsonSyntax.describe(e), e);
        } catch (IOException e) {
            throw new BadRequestException("the body is unreadable; send UTF-8 JSON", e);
        }
        return out.toString();
    }

    /**
     * The JSON mapping's complaint when it names a field or value (", field 'x' …"), or nothing when it only speaks
     * of the libraries behind it (class names, exception names), which mean nothing to a sender.
     */
    private static String mappingProblem(Exception e) {
        String m = e.getMessage();
        if (e instanceof InvalidProtocolBufferException && m != null && m.length() < 200
                && !m.contains("com.") && !m.contains("java.") && !m.contains("Exception")) {
            return " (" + m.replace('\n', ' ') + ")";
        }
        return "";
    }

    private static String hexToBase64(String field, String hex) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field + " '" + hex + "' is not hex: OTLP/JSON sends ids as hex strings", e);
        }
    }
}
