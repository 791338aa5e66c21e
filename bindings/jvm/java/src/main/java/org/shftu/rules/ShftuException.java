package org.shftu.rules;

/**
 * Why the library could not answer: one subclass per error code of the wire contract
 * ({@code spec/errors.md}), plus {@link Internal} for a bug caught at the boundary.
 *
 * <p>Each carries the code ({@link #getCode()}), the JSON path of the field to blame when there is one
 * ({@link #getPath()}, e.g. {@code input.claims[2].amount}) and the message in the language asked for
 * ({@link #getDetail()}, also {@link #getMessage()}). A business "no" is never an exception: it is a result
 * with its reasons.
 */
public abstract sealed class ShftuException extends Exception
        permits ShftuException.InvalidJson, ShftuException.UnknownRule, ShftuException.UnknownEdition,
                ShftuException.InvalidInput, ShftuException.CalendarUnavailable, ShftuException.LimitExceeded,
                ShftuException.Internal {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String path;
    private final String detail;

    ShftuException(String code, String path, String detail) {
        super(detail);
        this.code = code;
        this.path = path;
        this.detail = detail;
    }

    /**
     * The error code: {@code invalid_json}, {@code unknown_rule}, {@code unknown_edition}, {@code invalid_input},
     * {@code calendar_unavailable}, {@code limit_exceeded} or {@code internal_error}.
     *
     * @return the code
     */
    public String getCode() {
        return code;
    }

    /**
     * The JSON path of the field to blame ({@code input.claims[2].amount}, {@code edition}), or null.
     *
     * @return the path, or null
     */
    public String getPath() {
        return path;
    }

    /**
     * The message, in the language asked for (the {@link Rules}' language).
     *
     * @return the message
     */
    public String getDetail() {
        return detail;
    }

    /** The exception for an error of the library. */
    static ShftuException of(String code, String path, String message) {
        return switch (code) {
            case "invalid_json" -> new InvalidJson(path, message);
            case "unknown_rule" -> new UnknownRule(path, message);
            case "unknown_edition" -> new UnknownEdition(path, message);
            case "invalid_input" -> new InvalidInput(path, message);
            case "calendar_unavailable" -> new CalendarUnavailable(path, message);
            case "limit_exceeded" -> new LimitExceeded(path, message);
            default -> new Internal("an error code this build does not know (" + code + "): " + message);
        };
    }

    /** {@code invalid_json}: the text is not JSON, not Unicode text, or not a JSON object. */
    public static final class InvalidJson extends ShftuException {
        private static final long serialVersionUID = 1L;

        InvalidJson(String path, String message) {
            super("invalid_json", path, message);
        }
    }

    /** {@code unknown_rule}: the request names a rule the library does not have. */
    public static final class UnknownRule extends ShftuException {
        private static final long serialVersionUID = 1L;

        UnknownRule(String path, String message) {
            super("unknown_rule", path, message);
        }
    }

    /** {@code unknown_edition}: an edition of the plan the library does not hold (path {@code edition}). */
    public static final class UnknownEdition extends ShftuException {
        private static final long serialVersionUID = 1L;

        UnknownEdition(String path, String message) {
            super("unknown_edition", path, message);
        }
    }

    /**
     * {@code invalid_input}: a field is missing, of the wrong type, unknown or out of range — money with a third
     * decimal, an impossible date, a negative count, a Java {@code null} where a value is required, text that is
     * not Unicode (a lone surrogate). The path names the field.
     */
    public static final class InvalidInput extends ShftuException {
        private static final long serialVersionUID = 1L;

        InvalidInput(String path, String message) {
            super("invalid_input", path, message);
        }
    }

    /** {@code calendar_unavailable}: a date in a year whose holiday notice the calendar does not hold. */
    public static final class CalendarUnavailable extends ShftuException {
        private static final long serialVersionUID = 1L;

        CalendarUnavailable(String path, String message) {
            super("calendar_unavailable", path, message);
        }
    }

    /** {@code limit_exceeded}: a list (or a request) past one of the library's limits ({@code spec/errors.md}). */
    public static final class LimitExceeded extends ShftuException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String path, String message) {
            super("limit_exceeded", path, message);
        }
    }

    /** {@code internal_error}: a bug of the library caught at the boundary (a Rust panic); please report it. */
    public static final class Internal extends ShftuException {
        private static final long serialVersionUID = 1L;

        Internal(String message) {
            super("internal_error", null, message);
        }
    }
}
