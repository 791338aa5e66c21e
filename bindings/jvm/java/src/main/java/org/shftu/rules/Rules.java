package org.shftu.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules of one edition of the plan (沪工总办〔2023〕15号), as typed methods: one per rule, each taking the
 * rule's input and answering its result, which carries the trace of its own decision.
 *
 * <p>A {@code Rules} holds no state besides its options (edition, language, trace mode): it is immutable, and
 * one object serves any number of threads at once. {@link #withLang(Lang)} and {@link #withTrace(TraceMode)}
 * give copies with another option.
 *
 * <pre>{@code
 * Rules rules = new Rules("2023", Lang.ZH_CN);
 * Enrollment e = rules.mutualAidEnroll(new EnrollInput(
 *         Tier.E, Channel.GROUP, LocalDate.of(2023, 1, 15), Industry.COURIER, LocalDate.of(1985, 6, 1)));
 * BigDecimal fee = e.getFee();                 // 72.00
 * List<TraceStep> why = e.getTrace();          // the clauses applied, in Chinese
 * }</pre>
 *
 * <p>Money is {@link java.math.BigDecimal} (never a double), dates {@link java.time.LocalDate}. Bad input is a
 * {@link ShftuException} naming the field's JSON path ({@code input.claims[2].amount}), with its message in the
 * {@code Rules}' language; a business "no" is a result with reasons.
 */
public final class Rules extends GeneratedRules implements AutoCloseable {
    private final int editionIndex;
    private final String edition;
    private final Lang lang;
    private final TraceMode trace;

    /** The rules of the default edition ({@code 2023}), English, with the trace's notes. */
    public Rules() {
        this(defaultEdition(), Lang.EN, TraceMode.NOTES);
    }

    /**
     * The rules of an edition, English, with the trace's notes.
     *
     * @param edition the edition's name ({@code "2023"}); null is the default edition
     * @throws ShftuException.UnknownEdition when the library has no such edition
     */
    public Rules(String edition) throws ShftuException {
        this(edition, Lang.EN, TraceMode.NOTES);
    }

    /**
     * The rules of an edition, answering in a language.
     *
     * @param edition the edition's name ({@code "2023"}); null is the default edition
     * @param lang the language of notes and messages ({@link Lang#ZH_CN}); null is English
     * @throws ShftuException.UnknownEdition when the library has no such edition
     */
    public Rules(String edition, Lang lang) throws ShftuException {
        this(edition, lang, TraceMode.NOTES);
    }

    /**
     * The rules of an edition, answering in a language, with a trace mode.
     *
     * @param edition the edition's name ({@code "2023"}); null is the default edition
     * @param lang the language of notes and messages; null is English
     * @param trace how much of the trace results carry; null is {@link TraceMode#NOTES}
     * @throws ShftuException.UnknownEdition when the library has no such edition
     */
    public Rules(String edition, Lang lang, TraceMode trace) throws ShftuException {
        this(open(edition, lang == null ? Lang.EN : lang), lang == null ? Lang.EN : lang, trace == null ? TraceMode.NOTES : trace);
    }

    private Rules(int editionIndex, Lang lang, TraceMode trace) {
        this.editionIndex = editionIndex;
        this.edition = new String(Native.editionName(editionIndex), StandardCharsets.UTF_8);
        this.lang = lang;
        this.trace = trace;
    }

    private static int defaultEdition() {
        try {
            return open(null, Lang.EN);
        } catch (ShftuException e) {
            throw new IllegalStateException("the library has no default edition", e);
        }
    }

    private static int open(String edition, Lang lang) throws ShftuException {
        byte[] name = edition == null ? null : Utf8.encode(edition, 0);
        byte[] a = Native.open(name, lang.ordinal());
        if (a == null || a.length != 5 || a[0] != Native.OK) {
            throw Native.failure(a);
        }
        return (a[1] & 0xff) | (a[2] & 0xff) << 8 | (a[3] & 0xff) << 16 | (a[4] & 0xff) << 24;
    }

    /**
     * These rules answering in another language.
     *
     * @param lang the language (null is English)
     * @return a {@code Rules} of the same edition and trace mode
     */
    public Rules withLang(Lang lang) {
        return new Rules(editionIndex, lang == null ? Lang.EN : lang, trace);
    }

    /**
     * These rules with another trace mode.
     *
     * @param trace the mode (null is {@link TraceMode#NOTES})
     * @return a {@code Rules} of the same edition and language
     */
    public Rules withTrace(TraceMode trace) {
        return new Rules(editionIndex, lang, trace == null ? TraceMode.NOTES : trace);
    }

    /**
     * The edition's name.
     *
     * @return {@code "2023"}
     */
    public String edition() {
        return edition;
    }

    /**
     * The language of notes and messages.
     *
     * @return the language
     */
    public Lang lang() {
        return lang;
    }

    /**
     * How much of the trace results carry.
     *
     * @return the mode
     */
    public TraceMode traceMode() {
        return trace;
    }

    /**
     * A clerk-ready explanation of a response of {@link Shftu#evaluate(String)}, in these rules' language.
     *
     * @param response a response's JSON text
     * @return the explanation, plain text
     * @throws ShftuException.InvalidJson when the text is not a response of the library
     */
    public String explain(String response) throws ShftuException {
        return Shftu.explain(response, lang);
    }

    /**
     * A clerk-ready explanation of a typed result: the decision, the figures, the clauses in order, what to
     * do next; in these rules' language.
     *
     * @param result a result of a typed method
     * @return the explanation, plain text
     * @throws ShftuException when the library fails
     */
    public String explain(RuleResult result) throws ShftuException {
        if (result == null) {
            throw Native.required("result", 1, lang);
        }
        return Shftu.explain(result.toResponseJson(), lang);
    }

    @Override
    <I, O extends RuleResult> O call(int rule, String id, I input, Wire.Enc<I> enc, Codec.Decoder<O> dec) throws ShftuException {
        Wire.Writer w = new Wire.Writer(256);
        enc.write(w, input);
        byte[] answer = Native.call(rule, editionIndex, lang.ordinal(), trace.ordinal(), w.toByteArray());
        if (answer == null || answer.length == 0 || answer[0] != Native.OK) {
            throw Native.failure(answer);
        }
        try {
            Wire.Reader r = new Wire.Reader(answer, 1);
            List<TraceStep> steps = Native.trace(r);
            return dec.decode(r, new RuleResult.Meta(id, edition, lang, steps));
        } catch (RuntimeException e) {
            ShftuException.Internal x = new ShftuException.Internal("internal error in shftu-rules: the answer of " + id
                    + " could not be read: " + e);
            x.initCause(e);
            throw x;
        }
    }

    /** Nothing to release: a {@code Rules} holds no native resource (kept so try-with-resources code compiles). */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "Rules{edition=" + edition + ", lang=" + lang.tag() + ", trace=" + trace.tag() + "}";
    }
}
