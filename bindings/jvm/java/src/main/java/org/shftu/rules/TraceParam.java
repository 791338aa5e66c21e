package org.shftu.rules;

import java.util.Objects;

/**
 * A parameter of the edition a step of a decision read ({@link TraceMode#FULL}): which figure of the plan
 * produced an amount, and the clause that sets it.
 */
public final class TraceParam {
    private final String id;
    private final Object value;
    private final String clause;

    TraceParam(String id, Object value, String clause) {
        this.id = id;
        this.value = value;
        this.clause = clause;
    }

    /**
     * The parameter's id ({@code mutual_aid.premium}).
     *
     * @return the id
     */
    public String getId() {
        return id;
    }

    /**
     * Its value in the edition: a String (money, dates), a Long, a BigDecimal, a List or a Map.
     *
     * @return the value
     */
    public Object getValue() {
        return value;
    }

    /**
     * The clause that sets it, cited in the result's language.
     *
     * @return the clause
     */
    public String getClause() {
        return clause;
    }

    void writeJson(StringBuilder sb) {
        sb.append("{\"id\":");
        Json.str(sb, id);
        sb.append(",\"value\":");
        Json.any(sb, value);
        sb.append(",\"clause\":");
        Json.str(sb, clause);
        sb.append('}');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceParam p && id.equals(p.id) && Objects.equals(value, p.value) && clause.equals(p.clause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, value, clause);
    }

    @Override
    public String toString() {
        return id + "=" + value + " (" + clause + ")";
    }
}
