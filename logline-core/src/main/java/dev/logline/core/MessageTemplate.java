package dev.logline.core;

import java.util.Map;

/**
 * Renders a Serilog message template ({@code User {User} logged in from {Ip}}) with the event's properties, the way
 * Serilog renders a message: strings in double quotes unless the hole says {@code :l}, numbers as they are,
 * booleans as {@code True}/{@code False}, objects and arrays as JSON; {@code {{}} and {@code }}} are braces; a hole
 * without a property stays as written. {@code {@Name}}, {@code {$Name}}, {@code {Name,10}} and {@code {Name:000}}
 * name the property {@code Name} (alignment and .NET number formats are not applied).
 */
final class MessageTemplate {

    private MessageTemplate() {
    }

    static String render(String template, Map<String, Object> properties) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                hole(template.substring(i + 1, close), properties, out);
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void hole(String hole, Map<String, Object> properties, StringBuilder out) {
        String name = hole;
        String format = "";
        int colon = name.indexOf(':');
        if (colon >= 0) {
            format = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        int comma = name.indexOf(',');
        if (comma >= 0) {
            name = name.substring(0, comma);
        }
        if (name.startsWith("@") || name.startsWith("$")) {
            name = name.substring(1);
        }
        if (!properties.containsKey(name)) {
            out.append('{').append(hole).append('}');
            return;
        }
        Object v = properties.get(name);
        if (v instanceof String) {
            if (format.contains("l")) {
                out.append((String) v);
            } else {
                out.append('"').append((String) v).append('"');
            }
        } else if (v instanceof Boolean) {
            out.append((Boolean) v ? "True" : "False");
        } else if (v instanceof Map || v instanceof java.util.List) {
            out.append(LogEventJson.valueToJson(v));
        } else {
            out.append(v);
        }
    }
}
