package dev.logline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.query.Query;
import dev.logline.query.QueryVariables;
import dev.logline.query.exec.QueryPlan;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.server.documents.DocumentFields;
import dev.logline.server.documents.DocumentKind;
import dev.logline.server.documents.InvalidDocumentException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dashboard as JSON: a title, a time range, auto-refresh, variables and panels on a 12-column grid, each panel an
 * LQL query and a view. Checked whole on every save — every query parses (a bad one is a 400 naming the panel and
 * the LQL column), every view fits its query — so a board that saved also renders. The format is in
 * {@code docs/DASHBOARDS.md}.
 */
public final class DashboardKind implements DocumentKind {

    /** Columns of the grid. */
    public static final int GRID_COLUMNS = 12;
    /** The most panels on one board (also the most one panel request runs). */
    public static final int MAX_PANELS = 50;
    /** The views a panel may have. */
    public static final List<String> VIEWS = List.of("timechart", "bars", "single", "table", "pie", "logs");

    private static final Set<String> KEYS = Set.of("title", "description", "time", "refresh", "variables", "panels");
    private static final Set<String> PANEL_KEYS = Set.of("id", "title", "query", "view", "options", "time", "grid");
    private static final Set<String> OPTION_KEYS = Set.of("stacked", "thresholds", "reduce", "unit", "limit");
    private static final Set<String> VARIABLE_KEYS = Set.of("name", "field", "label", "default");
    private static final Set<String> GRID_KEYS = Set.of("x", "y", "w", "h");
    private static final List<String> REDUCERS = List.of("sum", "avg", "last", "max", "min");
    private static final Pattern PANEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Threshold colours: the names the UI knows, or #rgb / #rrggbb (nothing else reaches a style attribute). */
    private static final Pattern COLOUR = Pattern.compile("green|amber|red|blue|grey|purple|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");

    @Override
    public String plural() {
        return "dashboards";
    }

    @Override
    public String singular() {
        return "dashboard";
    }

    @Override
    public ObjectNode validate(ObjectNode body) {
        DocumentFields.known(body, KEYS, "");
        ObjectNode out = body.objectNode();
        out.put("title", DocumentFields.text(body, "title", "", true, 200));
        String description = DocumentFields.text(body, "description", "", false, 2000);
        if (description != null) {
            out.put("description", description);
        }
        ObjectNode time = DocumentFields.time(body, "time", "");
        out.set("time", time != null ? time : body.objectNode().put("last", "1h"));
        String refresh = DocumentFields.duration(body, "refresh", "", Duration.ofSeconds(5));
        if (refresh != null) {
            out.put("refresh", refresh);
        }
        out.set("variables", variables(body));
        out.set("panels", panels(body));
        return out;
    }

    private static ArrayNode variables(ObjectNode body) {
        ArrayNode out = body.arrayNode();
        JsonNode list = body.get("variables");
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray() || list.size() > 20) {
            throw new InvalidDocumentException("variables", "must be an array of at most 20 {\"name\", \"field\"}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "variables[" + i + "]";
            if (!(list.get(i) instanceof ObjectNode v)) {
                throw new InvalidDocumentException(where, "must be an object such as {\"name\": \"service\", "
                        + "\"field\": \"service\"}");
            }
            DocumentFields.known(v, VARIABLE_KEYS, where);
            String name = DocumentFields.text(v, "name", where, true, 32);
            if (!QueryVariables.NAME.matcher(name).matches()) {
                throw new InvalidDocumentException(where + ".name", "'" + name + "' is not a variable name: a letter "
                        + "or _, then letters, digits or _; panels use it as field:$" + "name");
            }
            if (!names.add(name)) {
                throw new InvalidDocumentException(where + ".name", "'" + name + "' is defined twice");
            }
            ObjectNode clean = out.addObject();
            clean.put("name", name);
            clean.put("field", DocumentFields.text(v, "field", where, true, 200));
            String label = DocumentFields.text(v, "label", where, false, 100);
            if (label != null) {
                clean.put("label", label);
            }
            JsonNode d = v.get("default");
            if (d != null && !d.isNull() && !d.isTextual()) {
                throw new InvalidDocumentException(where + ".default", "must be text, or null for all values");
            }
            clean.set("default", d == null ? clean.nullNode() : d);
        }
        return out;
    }

    private static ArrayNode panels(ObjectNode body) {
        ArrayNode out = body.arrayNode();
        JsonNode list = body.get("panels");
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray() || list.size() > MAX_PANELS) {
            throw new InvalidDocumentException("panels", "must be an array of at most " + MAX_PANELS + " panels");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "panels[" + i + "]";
            if (!(list.get(i) instanceof ObjectNode p)) {
                throw new InvalidDocumentException(where, "must be an object with a query and a view");
            }
            out.add(panel(p, where, i, ids));
        }
        return out;
    }

    private static ObjectNode panel(ObjectNode p, String where, int index, Set<String> ids) {
        DocumentFields.known(p, PANEL_KEYS, where);
        ObjectNode out = p.objectNode();
        String id = DocumentFields.text(p, "id", where, false, 64);
        if (id == null) {
            id = "p" + (index + 1);
            while (ids.contains(id)) {
                id = id + "_";
            }
        } else if (!PANEL_ID.matcher(id).matches()) {
            throw new InvalidDocumentException(where + ".id", "'" + id + "' must be 1-64 of A-Z a-z 0-9 _ -");
        }
        if (!ids.add(id)) {
            throw new InvalidDocumentException(where + ".id", "'" + id + "' is used by another panel");
        }
        out.put("id", id);
        String title = DocumentFields.text(p, "title", where, false, 200);
        out.put("title", title == null ? "" : title);
        Query query = DocumentFields.query(p, "query", where);
        out.put("query", p.get("query").asText());
        String view = DocumentFields.text(p, "view", where, true, 20);
        if (!VIEWS.contains(view)) {
            throw new InvalidDocumentException(where + ".view", "'" + view + "' is not a view; use one of " + VIEWS);
        }
        checkFits(view, query, where);
        out.put("view", view);
        out.set("options", options(p, where));
        ObjectNode time = DocumentFields.time(p, "time", where);
        if (time != null) {
            out.set("time", time);
        }
        out.set("grid", grid(p, where, index));
        return out;
    }

    /** A view draws one shape of answer: a timechart needs a timechart query, a bar chart a stats table … */
    private static void checkFits(String view, Query query, String where) {
        QueryPlan plan = QueryPlan.of(query);
        Pipe table = null;
        for (Pipe pipe : plan.tablePipes()) {
            if (pipe instanceof StatsPipe || pipe instanceof TimechartPipe) {
                table = pipe;
            }
        }
        String problem = switch (view) {
            case "timechart" -> table instanceof TimechartPipe ? null
                    : "a timechart panel needs a query ending in '| timechart <interval> <aggregates> [by field]'";
            case "bars", "pie" -> table instanceof StatsPipe ? null
                    : "a " + view + " panel needs a query with '| stats <aggregates> by <field>'";
            case "single" -> table != null ? null
                    : "a single-value panel needs '| stats <aggregate>' or, for a sparkline, '| timechart 1m <aggregate>'";
            case "logs" -> query.pipes().isEmpty() ? null
                    : "a logs panel streams events live, so its query is a filter without pipes";
            default -> null;
        };
        if (problem != null) {
            throw new InvalidDocumentException(where + ".query", problem + " (view '" + view + "')");
        }
    }

    private static ObjectNode options(ObjectNode p, String where) {
        JsonNode o = p.get("options");
        ObjectNode out = p.objectNode();
        if (o == null || o.isNull()) {
            return out;
        }
        String field = where + ".options";
        if (!(o instanceof ObjectNode options)) {
            throw new InvalidDocumentException(field, "must be an object");
        }
        DocumentFields.known(options, OPTION_KEYS, field);
        JsonNode stacked = options.get("stacked");
        if (stacked != null) {
            if (!stacked.isBoolean()) {
                throw new InvalidDocumentException(field + ".stacked", "must be true (stacked bars) or false (lines)");
            }
            out.put("stacked", stacked.asBoolean());
        }
        String reduce = DocumentFields.text(options, "reduce", field, false, 10);
        if (reduce != null) {
            if (!REDUCERS.contains(reduce)) {
                throw new InvalidDocumentException(field + ".reduce", "'" + reduce + "' is not one of " + REDUCERS);
            }
            out.put("reduce", reduce);
        }
        String unit = DocumentFields.text(options, "unit", field, false, 16);
        if (unit != null) {
            out.put("unit", unit);
        }
        if (options.has("limit")) {
            out.put("limit", DocumentFields.integer(options, "limit", field, 1, 500, 50));
        }
        JsonNode thresholds = options.get("thresholds");
        if (thresholds != null) {
            out.set("thresholds", thresholds(thresholds, field + ".thresholds"));
        }
        return out;
    }

    private static ArrayNode thresholds(JsonNode list, String where) {
        if (!list.isArray() || list.size() > 10) {
            throw new InvalidDocumentException(where, "must be an array of at most 10 {\"value\": 10, \"colour\": \"red\"}");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < list.size(); i++) {
            String w = where + "[" + i + "]";
            JsonNode t = list.get(i);
            if (!(t instanceof ObjectNode o) || !o.path("value").isNumber()) {
                throw new InvalidDocumentException(w, "must be {\"value\": <number>, \"colour\": <name or #rrggbb>}");
            }
            DocumentFields.known(o, Set.of("value", "colour"), w);
            String colour = DocumentFields.text(o, "colour", w, true, 40);
            if (!COLOUR.matcher(colour).matches()) {
                throw new InvalidDocumentException(w + ".colour", "'" + colour + "' is not green, amber, red, blue, "
                        + "grey, purple or #rrggbb");
            }
            out.addObject().put("value", o.get("value").asDouble()).put("colour", colour);
        }
        return out;
    }

    /** Where the panel sits: columns x..x+w of 12, rows y..y+h; absent places it two to a row. */
    private static ObjectNode grid(ObjectNode p, String where, int index) {
        JsonNode g = p.get("grid");
        String field = where + ".grid";
        ObjectNode out = p.objectNode();
        if (g == null || g.isNull()) {
            return out.put("x", (index % 2) * 6).put("y", (index / 2) * 4).put("w", 6).put("h", 4);
        }
        if (!(g instanceof ObjectNode grid)) {
            throw new InvalidDocumentException(field, "must be {\"x\": 0, \"y\": 0, \"w\": 6, \"h\": 4}");
        }
        DocumentFields.known(grid, GRID_KEYS, field);
        int w = DocumentFields.integer(grid, "w", field, 1, GRID_COLUMNS, 6);
        int x = DocumentFields.integer(grid, "x", field, 0, GRID_COLUMNS - 1, 0);
        if (x + w > GRID_COLUMNS) {
            throw new InvalidDocumentException(field, "x + w is " + (x + w) + ", past the grid's " + GRID_COLUMNS
                    + " columns");
        }
        return out.put("x", x).put("y", DocumentFields.integer(grid, "y", field, 0, 1000, 0)).put("w", w)
                .put("h", DocumentFields.integer(grid, "h", field, 1, 24, 4));
    }
}
