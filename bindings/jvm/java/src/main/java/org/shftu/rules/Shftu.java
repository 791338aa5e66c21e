package org.shftu.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The wire contract ({@code spec/contract.md}) and the library's catalogue, as static methods.
 *
 * <p>{@link #evaluate(String)} answers a request's JSON text with the response's JSON text — byte for byte what
 * every binding of the library answers (the CLI, Python, Node, WASM). A request that cannot be evaluated gets
 * its {@code "ok": false} response, never an exception. {@link #evaluateMany(List)} answers a list in one
 * crossing of the boundary, on the processors the JVM may use.
 */
public final class Shftu {
    private Shftu() {}

    /**
     * Answers one request of the wire contract ({@code {"rule", "input", "edition"?, "lang"?, "trace"?}}).
     *
     * <p>A request that is not JSON, names an unknown rule or edition, or has a bad field is answered with its
     * {@code ok: false} response ({@code error.code}, {@code error.path}); so is a null request and text that is not
     * Unicode (a lone surrogate): {@code invalid_json}; and a request past the size limit (4 MiB of UTF-8):
     * {@code limit_exceeded}, refused before it is copied.
     *
     * @param request the request's JSON text
     * @return the response's JSON text
     * @throws ShftuException.Internal only for a bug of the library caught at the boundary
     */
    public static String evaluate(String request) throws ShftuException {
        if (request == null) {
            return Native.response(Native.evaluateRefused(3, 0));
        }
        long n = Utf8.scan(request);
        if (n < 0) {
            return Native.response(Native.evaluateRefused(1, -n - 1));
        }
        if (n > Codec.LIMIT_REQUEST_BYTES) {
            return Native.response(Native.evaluateRefused(2, n));
        }
        return Native.response(Native.evaluate(request.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Answers many requests in one crossing of the boundary: one response per request, in order, each exactly
     * what {@link #evaluate(String)} answers (a bad request, or a null element, gets its {@code ok: false}
     * response).
     *
     * @param requests the requests' JSON texts
     * @return the responses' JSON texts
     * @throws ShftuException.InvalidInput when {@code requests} is null
     * @throws ShftuException.Internal for a bug of the library caught at the boundary
     */
    public static List<String> evaluateMany(List<String> requests) throws ShftuException {
        return evaluateMany(requests, THREADS);
    }

    /**
     * The threads {@link #evaluateMany(List)} answers a large list on: the system property
     * {@code shftu.rules.threads}, else the processors the JVM may use. A list of fewer than 64 requests is answered
     * on the calling thread.
     */
    static final int THREADS = Math.max(1, Integer.getInteger("shftu.rules.threads", Runtime.getRuntime().availableProcessors()));

    /**
     * {@link #evaluateMany(List)} on at most {@code threads} threads (1: on the calling thread). The answers are the
     * same, in the same order; a server that already answers many requests at once may prefer 1.
     *
     * @param requests the requests' JSON texts
     * @param threads the most threads to answer on
     * @return the responses' JSON texts
     * @throws ShftuException.InvalidInput when {@code requests} is null
     * @throws ShftuException.Internal for a bug of the library caught at the boundary
     */
    public static List<String> evaluateMany(List<String> requests, int threads) throws ShftuException {
        if (requests == null) {
            throw Native.required("requests", 0, Lang.EN);
        }
        int count = requests.size();
        byte[][] texts = new byte[count][];
        long[] marks = new long[count];
        long total = 4;
        for (int i = 0; i < count; i++) {
            String s = requests.get(i);
            if (s == null) {
                marks[i] = -3;
                total += 4;
                continue;
            }
            long n = Utf8.scan(s);
            if (n < 0) {
                marks[i] = -1;
                total += 12;
                texts[i] = longBytes(-n - 1);
            } else if (n > Codec.LIMIT_REQUEST_BYTES) {
                marks[i] = -2;
                total += 12;
                texts[i] = longBytes(n);
            } else {
                texts[i] = s.getBytes(StandardCharsets.UTF_8);
                total += 4 + texts[i].length;
            }
        }
        if (total > Integer.MAX_VALUE - 16) {
            // Too large for one array: answered in halves.
            List<String> out = new ArrayList<>(evaluateMany(requests.subList(0, count / 2), threads));
            out.addAll(evaluateMany(requests.subList(count / 2, count), threads));
            return out;
        }
        byte[] batch = new byte[(int) total];
        int p = putInt(batch, 0, count);
        for (int i = 0; i < count; i++) {
            if (marks[i] == 0) {
                p = putInt(batch, p, texts[i].length);
                System.arraycopy(texts[i], 0, batch, p, texts[i].length);
                p += texts[i].length;
            } else {
                p = putInt(batch, p, (int) marks[i]);
                if (texts[i] != null) {
                    System.arraycopy(texts[i], 0, batch, p, 8);
                    p += 8;
                }
            }
        }
        return Native.responses(Native.evaluateMany(batch, Math.max(1, threads)), count);
    }

    private static int putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        return p + 4;
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /**
     * A clerk-ready explanation of a response: the decision, the figures, the clauses in order and what to do
     * next (the last day to claim), in plain text a worker can read without knowing the wire format.
     *
     * @param response a response's JSON text (of {@link #evaluate(String)})
     * @param lang the language (null is English)
     * @return the explanation
     * @throws ShftuException.InvalidJson when the text is not a response of the library
     */
    public static String explain(String response, Lang lang) throws ShftuException {
        Lang l = lang == null ? Lang.EN : lang;
        if (response == null) {
            throw Native.required("response", 2, l);
        }
        return Native.okText(Native.explain(Utf8.encode(response, 0), l.ordinal()));
    }

    /**
     * The registry as JSON ({@code shftu-rules describe}): every rule with its input and result shapes, every
     * closed set of codes with its labels and names, the error codes, the limits and the languages.
     *
     * @return the JSON text
     */
    public static String describe() {
        return new String(Native.describe(), StandardCharsets.UTF_8);
    }

    /**
     * The rule ids, in the plan's order.
     *
     * @return the ids ({@code mutual_aid.enroll}, …)
     */
    public static List<String> ruleIds() {
        return List.of(new String(Native.ruleIds(), StandardCharsets.UTF_8).split("\n"));
    }

    /**
     * The editions of the plan the library holds.
     *
     * @return the names ({@code "2023"})
     */
    public static List<String> editions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            String name = new String(Native.editionName(i), StandardCharsets.UTF_8);
            if (name.isEmpty()) {
                return List.copyOf(out);
            }
            out.add(name);
        }
    }

    /** The limits in force, as {@code describe} lists them. */
    static List<Long> limits() {
        return Arrays.asList(Codec.LIMIT_REQUEST_BYTES);
    }
}
