package org.shftu.rules;

import java.util.List;

/**
 * The static functions under the name the first (Kotlin) releases gave them.
 *
 * @deprecated use {@link Shftu}, which has the same functions.
 */
@Deprecated
public final class Shftu_rulesKt {
    private Shftu_rulesKt() {}

    /**
     * @param requestJson the request
     * @return the response
     * @throws ShftuException for a bug of the library
     * @deprecated {@link Shftu#evaluate(String)}
     */
    @Deprecated
    public static String evaluate(String requestJson) throws ShftuException {
        return Shftu.evaluate(requestJson);
    }

    /**
     * @param requests the requests
     * @return the responses
     * @throws ShftuException when requests is null, or for a bug of the library
     * @deprecated {@link Shftu#evaluateMany(List)}
     */
    @Deprecated
    public static List<String> evaluateMany(List<String> requests) throws ShftuException {
        return Shftu.evaluateMany(requests);
    }

    /**
     * @return the rule ids
     * @deprecated {@link Shftu#ruleIds()}
     */
    @Deprecated
    public static List<String> ruleIds() {
        return Shftu.ruleIds();
    }

    /**
     * @return the editions
     * @deprecated {@link Shftu#editions()}
     */
    @Deprecated
    public static List<String> editions() {
        return Shftu.editions();
    }
}
