package dev.logline.server.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a piece of JSON in the sender's terms (where, and what to fix), instead of passing on the
 * JSON parser's own message, which names its internals ("expected close marker for ARRAY (start marker at [Source:
 * REDACTED …").
 */
public final class JsonSyntax {

    private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']{0,40})");

    private JsonSyntax() {
    }

    /** {@code invalid JSON at line L, column C: <what>}, lines and columns counted from 1 within the text parsed. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "invalid JSON" + where + ": " + what(e);
    }

    private static String what(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "the text ends before the JSON is complete (a missing '}', ']' or '\"', or a cut-off body)";
        }
        if (e instanceof StreamConstraintsException) {
            return "a value is nested too deeply or is too long to read";
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher unexpected = UNEXPECTED.matcher(original);
        if (unexpected.find()) {
            int code = Integer.parseInt(unexpected.group(2));
            String shown = code < 0x20 ? String.format("\\u%04x", code) : unexpected.group(1);
            return "unexpected character '" + shown + "'; check for a missing comma, colon or quote before it";
        }
        Matcher token = TOKEN.matcher(original);
        if (token.find()) {
            return "unrecognised word '" + token.group(1) + "'; text values need double quotes";
        }
        if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF")) {
            return "the bytes are not valid UTF-8; send UTF-8 text";
        }
        if (original.contains("Illegal unquoted character")) {
            return "a control character (such as a raw tab or newline) inside a string must be escaped";
        }
        if (original.contains("Unexpected end-of-input")) {
            return "the text ends before the JSON is complete (a missing '}', ']' or '\"', or a cut-off body)";
        }
        if (original.contains("was expecting double-quote to start field name")) {
            return "a field name must be a string in double quotes";
        }
        if (original.contains("Invalid numeric value") || original.contains("Numeric value")) {
            return "a number is malformed or out of range";
        }
        return "the text is not well-formed JSON";
    }
}
