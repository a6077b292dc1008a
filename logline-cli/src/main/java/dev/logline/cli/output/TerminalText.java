package dev.logline.cli.output;

/**
 * Text from events made safe to print on a terminal: control characters (an escape sequence, a bell, a carriage
 * return that overwrites the line, C1 controls) are shown as {@code \x1b}-style escapes instead of being obeyed, so a
 * stored binary or hostile line cannot move the cursor, recolour or clear the user's terminal.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control character written as an escape; {@code null} stays null. */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isControl(c)) {
                        b.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
