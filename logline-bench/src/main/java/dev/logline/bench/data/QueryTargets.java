package dev.logline.bench.data;

import java.util.List;

/**
 * What the query benchmark asks for, taken from the data actually generated so every query has answers.
 *
 * @param traceIds      trace ids of transactions that span several services, spread over the whole run
 * @param needleWord    a word that occurs in very few messages
 * @param phrase        two or more words that occur consecutively in many messages
 * @param filterService the service of the "level + service, newest 100" query
 * @param filterLevel   the level of that query
 * @param numericField  a numeric attribute (dotted path) for the p95 query
 */
public record QueryTargets(List<String> traceIds, String needleWord, String phrase, String filterService,
                           String filterLevel, String numericField) {

    public QueryTargets {
        traceIds = List.copyOf(traceIds);
    }
}
