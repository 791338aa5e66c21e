package org.shftu.rules;

/** How much of a decision's trace a result carries (the wire contract's {@code "trace"} option). */
public enum TraceMode {
    /** No trace: for bulk work. */
    OFF("off"),
    /** Each step's clause and note (the default). */
    NOTES("notes"),
    /** Each step's clause, note, message code and the edition parameters it read (id, value, clause). */
    FULL("full");

    private final String tag;

    TraceMode(String tag) {
        this.tag = tag;
    }

    /**
     * The mode as the wire contract writes it.
     *
     * @return {@code off}, {@code notes} or {@code full}
     */
    public String tag() {
        return tag;
    }
}
