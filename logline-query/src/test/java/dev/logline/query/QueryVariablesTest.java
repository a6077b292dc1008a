package dev.logline.query;

import dev.logline.query.filter.TermFilter;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueryVariablesTest {

    private static String substituted(String lql, Map<String, String> values) {
        return LqlPrinter.print(QueryVariables.substitute(LqlParser.parse(lql), values));
    }

    @Test
    void aVariableBecomesTheFieldsValue() {
        assertThat(substituted("level:ERROR service:$service | stats count() by service",
                Map.of("service", "payments"))).isEqualTo("level:ERROR service:payments | stats count() by service");
        assertThat(substituted("service:\"$service\"", Map.of("service", "ordering"))).isEqualTo("service:ordering");
    }

    @Test
    void aValueIsOnlyEverAValueWhateverItHolds() {
        String hostile = "x\" OR level:DEBUG | stats count() by secret";
        var q = QueryVariables.substitute(LqlParser.parse("service:$service | stats count()"),
                Map.of("service", hostile));
        assertThat(q.filter()).isEqualTo(new TermFilter("service", hostile));
        assertThat(q.pipes()).hasSize(1);
        // Printed and parsed again, it is still the one condition with the whole value.
        assertThat(LqlParser.parse(LqlPrinter.print(q))).isEqualTo(q);
    }

    @Test
    void allMeansTheFieldExists() {
        Map<String, String> all = new HashMap<>();
        all.put("env", null);
        assertThat(substituted("env:$env level:ERROR", all)).isEqualTo("env:* level:ERROR");
    }

    @Test
    void variablesReachInsideOrNotAndWherePipes() {
        Map<String, String> v = Map.of("a", "one", "b", "two");
        assertThat(substituted("(x:$a OR y:$b) -z:$a | stats count() by x | where x:$b", v))
                .isEqualTo("(x:one OR y:two) -z:one | stats count() by x | where x:two");
    }

    @Test
    void unknownReferencesAndLookalikesStayAsWritten() {
        Map<String, String> v = Map.of("service", "payments");
        assertThat(substituted("price:$5 tag:$other note:a$service", v)).isEqualTo("price:$5 tag:$other note:a$service");
        assertThat(QueryVariables.reference("$service")).isEqualTo("service");
        assertThat(QueryVariables.reference("$")).isNull();
        assertThat(QueryVariables.reference("$9x")).isNull();
    }
}
