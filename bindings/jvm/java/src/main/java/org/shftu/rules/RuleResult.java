package org.shftu.rules;

import java.util.List;
import java.util.Objects;

/**
 * What every rule's result has besides its figures: the trace of the decision that produced it, the rule,
 * the edition and the language. Each result carries its own trace, so results of calls made at the same
 * time on one {@link Rules} (from any number of threads) never mix.
 */
public abstract class RuleResult {
    /** The rule, edition, language and trace of a decoded result. */
    static final class Meta {
        static final Meta NONE = new Meta(null, null, null, List.of());

        final String rule;
        final String edition;
        final Lang lang;
        final List<TraceStep> trace;

        Meta(String rule, String edition, Lang lang, List<TraceStep> trace) {
            this.rule = rule;
            this.edition = edition;
            this.lang = lang;
            this.trace = trace;
        }
    }

    private final Meta meta;

    RuleResult(Meta meta) {
        this.meta = meta == null ? Meta.NONE : meta;
    }

    /**
     * The trace of the decision: the clauses applied, in order, and what each found (empty for a result built by
     * hand, or asked for with {@link TraceMode#OFF}).
     *
     * @return the steps
     */
    public final List<TraceStep> getTrace() {
        return meta.trace;
    }

    /**
     * The rule that answered ({@code mutual_aid.enroll}), or null for a result built by hand.
     *
     * @return the rule id
     */
    public final String getRuleId() {
        return meta.rule;
    }

    /**
     * The edition of the plan that answered ({@code 2023}), or null for a result built by hand.
     *
     * @return the edition
     */
    public final String getEdition() {
        return meta.edition;
    }

    /**
     * The language of the trace's notes, or null for a result built by hand.
     *
     * @return the language
     */
    public final Lang getLang() {
        return meta.lang;
    }

    /**
     * The result as the wire contract's JSON (the {@code result} of a response).
     *
     * @return the JSON text
     */
    public abstract String toJson();

    /**
     * The whole response as {@code evaluate} answers it: {@code {"ok":true,"rule","edition","result","trace"}}
     * (what {@link Rules#explain(RuleResult)} explains).
     *
     * @return the JSON text
     */
    public final String toResponseJson() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"ok\":true,\"rule\":");
        Json.put(sb, meta.rule, Json::str);
        sb.append(",\"edition\":");
        Json.put(sb, meta.edition, Json::str);
        sb.append(",\"result\":").append(toJson()).append(",\"trace\":[");
        for (int i = 0; i < meta.trace.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            meta.trace.get(i).writeJson(sb);
        }
        return sb.append("]}").toString();
    }

    final boolean sameMeta(RuleResult o) {
        return Objects.equals(meta.rule, o.meta.rule) && Objects.equals(meta.edition, o.meta.edition)
                && meta.lang == o.meta.lang && meta.trace.equals(o.meta.trace);
    }
}
