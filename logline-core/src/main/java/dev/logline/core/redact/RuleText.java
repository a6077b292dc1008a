package dev.logline.core.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads redaction rules written as text ({@link RedactionPolicy} describes the syntax). */
final class RuleText {

    /** Rules on one line are separated by {@code ;} before a rule keyword, so a regex may still hold a {@code ;}. */
    private static final Pattern SEPARATOR = Pattern.compile(";\\s*(?=(?i:field|detect|regex)\\s)");
    private static final String SYNTAX = "write 'field <pattern> [action]', 'detect <detector> [action]' or "
            + "'regex <name> /<expression>/ [action]', action one of mask, partial, hash, drop, off";

    private RuleText() {
    }

    /** The rules of a text: one per line or separated by {@code ;}; blank lines and {@code #} comments skipped. */
    static List<String> split(String text) {
        List<String> rules = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            for (String part : SEPARATOR.split(l)) {
                String p = part.strip();
                if (p.endsWith(";")) {
                    p = p.substring(0, p.length() - 1).strip();
                }
                if (!p.isEmpty()) {
                    rules.add(p);
                }
            }
        }
        return rules;
    }

    static void apply(String rule, RedactionPolicy.Builder b) {
        String r = rule == null ? "" : rule.strip();
        int sp = indexOfSpace(r);
        if (sp < 0) {
            throw bad(r, "it has no target; " + SYNTAX);
        }
        String kind = r.substring(0, sp).toLowerCase(Locale.ROOT);
        String rest = r.substring(sp).strip();
        switch (kind) {
            case "field": {
                String[] parts = rest.split("\\s+");
                if (parts.length > 2) {
                    throw bad(r, "a field rule is 'field <pattern> [action]'");
                }
                String action = parts.length == 2 ? parts[1] : "mask";
                if (action.equalsIgnoreCase("off")) {
                    b.removeField(parts[0]);
                } else {
                    try {
                        b.field(parts[0], action(r, action));
                    } catch (IllegalArgumentException e) {
                        throw bad(r, e.getMessage());
                    }
                }
                return;
            }
            case "detect": {
                String[] parts = rest.split("\\s+");
                if (parts.length > 2) {
                    throw bad(r, "a detector rule is 'detect <detector> [action]'");
                }
                Detector d = Detector.byRuleName(parts[0]);
                if (d == null) {
                    throw bad(r, "unknown detector '" + parts[0] + "'; known: " + RedactionPolicy.detectorNames());
                }
                String action = parts.length == 2 ? parts[1] : "mask";
                if (action.equalsIgnoreCase("off")) {
                    b.detectorOff(d);
                } else {
                    b.detector(d, action(r, action));
                }
                return;
            }
            case "regex": {
                int nameEnd = indexOfSpace(rest);
                int open = rest.indexOf('/');
                int close = rest.lastIndexOf('/');
                if (nameEnd < 0 || open != nameEnd + countSpaces(rest, nameEnd) || close <= open) {
                    throw bad(r, "a regex rule is 'regex <name> /<expression>/ [action]', the expression between "
                            + "slashes");
                }
                String name = rest.substring(0, nameEnd);
                String regex = rest.substring(open + 1, close);
                String tail = rest.substring(close + 1).strip();
                RedactAction a = tail.isEmpty() ? RedactAction.MASK : action(r, tail);
                try {
                    b.pattern(name, regex, a);
                } catch (IllegalArgumentException e) {
                    throw bad(r, e.getMessage());
                }
                return;
            }
            default:
                throw bad(r, "it starts with '" + kind + "'; " + SYNTAX);
        }
    }

    private static RedactAction action(String rule, String text) {
        RedactAction a = RedactAction.parse(text);
        if (a == null) {
            throw bad(rule, "unknown action '" + text + "'; use mask, partial, hash, drop or off");
        }
        return a;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int countSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private static IllegalArgumentException bad(String rule, String why) {
        return new IllegalArgumentException("redaction rule '" + rule + "': " + why);
    }
}
