package org.shftu.rules;

import java.util.List;
import java.util.Objects;

/**
 * One step of a decision: the clause of the plan it applies and what it found, in the result's language.
 * With {@link TraceMode#FULL} also the step's message code and the parameters it read.
 */
public final class TraceStep {
    private final String clause;
    private final String note;
    private final String code;
    private final List<TraceParam> params;

    TraceStep(String clause, String note, String code, List<TraceParam> params) {
        this.clause = clause;
        this.note = note;
        this.code = code;
        this.params = params;
    }

    /**
     * The clause, cited as the language cites it ({@code §5 一(五)} in English).
     *
     * @return the clause
     */
    public String getClause() {
        return clause;
    }

    /**
     * What the step found, with its figures.
     *
     * @return the note
     */
    public String getNote() {
        return note;
    }

    /**
     * The step's message code in the catalogue ({@link TraceMode#FULL} only).
     *
     * @return the code, or null
     */
    public String getCode() {
        return code;
    }

    /**
     * The edition parameters the step read ({@link TraceMode#FULL} only, else empty).
     *
     * @return the parameters
     */
    public List<TraceParam> getParams() {
        return params;
    }

    void writeJson(StringBuilder sb) {
        sb.append("{\"clause\":");
        Json.str(sb, clause);
        sb.append(",\"note\":");
        Json.str(sb, note);
        if (code != null) {
            sb.append(",\"code\":");
            Json.str(sb, code);
            sb.append(",\"params\":[");
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                params.get(i).writeJson(sb);
            }
            sb.append(']');
        }
        sb.append('}');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceStep s && clause.equals(s.clause) && note.equals(s.note) && Objects.equals(code, s.code)
                && params.equals(s.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clause, note, code, params);
    }

    @Override
    public String toString() {
        return clause + ": " + note;
    }
}
