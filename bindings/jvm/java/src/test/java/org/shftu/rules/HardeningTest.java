package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Structure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * Hardening through the JVM binding (issue 8), the counterpart of bindings/python/tests/test_hardening.py:
 * resident memory stays flat over a million evaluations, eight threads answer as a sequential run does,
 * and every hostile input comes back as a typed answer (the contract's {@code ok: false} envelope with the
 * code and path of spec/errors.md, a {@link ShftuException} with code and path, or a result), never a
 * crash of the JVM. Each test checks answers, not just survival.
 *
 * <p>The memory tests run first (before the tests that grow the heap by gigabytes); the million-claim
 * request runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningTest {
    /** The sample requests of the README's main job, spec/examples/requests.jsonl. */
    static List<String> samples;
    static Rules rules;

    @BeforeAll
    static void load() throws IOException, ShftuException {
        Path file = ConformanceTest.casesDir().resolveSibling("examples").resolve("requests.jsonl");
        samples = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(samples.size() >= 20, "expected the sample requests of " + file + ", found " + samples.size());
        rules = new Rules("2023");
    }

    @AfterAll
    static void close() {
        if (rules != null) {
            rules.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    static JsonNode evaluate(String request) throws Exception {
        return ConformanceTest.JSON.readTree(Shftu.evaluate(request));
    }

    /** The request answers {@code ok: false} with this code and path (null: JSON null). */
    static void assertFails(String request, String code, String path) throws Exception {
        JsonNode r = evaluate(request);
        String what = request == null ? "null" : shorten(request);
        assertFalse(r.path("ok").asBoolean(true), () -> "expected " + code + " for " + what + ", got " + shorten(r.toString()));
        assertEquals(code, r.at("/error/code").asText(), () -> "code for " + what + ": " + shorten(r.toString()));
        JsonNode p = r.at("/error/path");
        if (path == null) {
            assertTrue(p.isNull(), () -> "path for " + what + ": " + shorten(p.toString()));
        } else {
            assertEquals(path, p.asText(), () -> "path for " + what);
        }
        assertTrue(r.at("/error/message").isTextual() && !r.at("/error/message").asText().isEmpty(), "a message");
    }

    static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + " chars)" : s;
    }

    static String codeOf(ShftuException e) {
        return e.getCode();
    }

    static String pathOf(ShftuException e) {
        return e.getPath();
    }

    /** The typed call throws the binding's exception with this code and path. */
    static void assertTypedError(String code, String path, Executable call) {
        ShftuException e = assertThrows(ShftuException.class, call);
        assertEquals(code, codeOf(e), e::getMessage);
        assertEquals(path, pathOf(e), e::getMessage);
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    static long rssKiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isReadable(status), "no /proc/self/status on this platform");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        Assumptions.abort("no VmRSS in /proc/self/status");
        return 0;
    }

    /** glibc's {@code struct mallinfo2}. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    /**
     * The bytes glibc's malloc has handed out and not had back (mallinfo2: uordblks + hblkhd), in KiB; -1 off glibc.
     * The JVM's own native allocations are malloc's (the library's Rust allocations are mimalloc's and show in
     * VmRSS), so a leak of the boundary's JNI copies shows here undiluted by the Java heap or the JIT's code cache.
     */
    static long mallocInUseKiB() {
        try {
            MallInfo2 m = (MallInfo2) NativeLibrary.getInstance("c").getFunction("mallinfo2").invoke(MallInfo2.class, new Object[0]);
            return (m.uordblks + m.hblkhd) / 1024;
        } catch (UnsatisfiedLinkError e) {
            return -1;
        }
    }

    /** The resident size and malloc's bytes in use, in KiB. */
    record Footprint(long rss, long malloc) {}

    /**
     * The footprint after a full collection, once VmRSS has settled: G1 gives the heap it shrinks back to
     * the system in the background (JDK 17), so the resident size keeps falling for a while after
     * System.gc(); the JNA objects collected free their native memory on JNA's cleaner thread. The heap
     * grows under the load of these tests (to a gigabyte on a busy machine); that is not a leak.
     */
    static Footprint settled() throws IOException, InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 25; i++) {
            System.gc();
            Thread.sleep(200);
            long now = rssKiB();
            if (now > last - 1024) {
                return new Footprint(Math.min(now, last), mallocInUseKiB());
            }
            last = now;
        }
        return new Footprint(last, mallocInUseKiB());
    }

    /** Asserts that neither VmRSS nor malloc's bytes in use grew beyond their bounds (KiB), and says how much they grew. */
    static void assertFlat(String what, Footprint before, Footprint after, long rssBound, long mallocBound, long started) {
        long rss = after.rss() - before.rss();
        long malloc = after.malloc() - before.malloc();
        System.out.printf("HardeningTest: over %s: VmRSS %,d -> %,d KiB (%+,d KiB), malloc in use %,d -> %,d KiB (%+,d KiB), %.1f s%n",
                what, before.rss(), after.rss(), rss, before.malloc(), after.malloc(), malloc, (System.nanoTime() - started) / 1e9);
        assertTrue(rss < rssBound, "resident memory grew by " + rss + " KiB over " + what);
        if (before.malloc() >= 0) {
            assertTrue(malloc < mallocBound, "malloc's bytes in use grew by " + malloc + " KiB over " + what);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static void digest(MessageDigest md, String response) {
        md.update(response.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
    }

    static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    interface Work {
        void run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code n} threads started together; any failure of a thread fails the test. */
    static void onThreads(int n, Work work) throws InterruptedException {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int thread = k;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    work.run(thread);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "hardening-" + k);
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(failures.size() + " thread(s) failed; the first: " + failures.peek());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    /** A typed call; {@link #describe} turns its answer (result or exception) into text to compare. */
    interface TypedCall {
        Object call(Rules r) throws ShftuException;
    }

    static String describe(Rules r, TypedCall c) {
        try {
            return String.valueOf(c.call(r));
        } catch (ShftuException e) {
            return "error " + codeOf(e) + " at " + pathOf(e) + ": " + e.getMessage();
        }
    }

    /** The sample requests as typed calls, and three calls that throw (money, calendar, count). */
    static final List<TypedCall> TYPED = List.of(
            r -> r.mutualAidEnroll(new EnrollInput(Tier.E, Channel.GROUP, d("2023-05-15"), Industry.COURIER, d("1990-01-01"), false, false)),
            r -> r.mutualAidChange(new ChangeInput(Tier.C, Tier.E, d("2023-04-10"), null)),
            r -> r.mutualAidClaimDeadline(new ClaimDeadlineInput(Benefit.DISEASE_DEATH, d("2023-12-31"), null)),
            r -> r.mutualAidAdjudicate(new AdjudicateInput(
                    new Policy(Tier.D, d("2023-01-01"), d("2023-12-31"), List.of(new TierChange(Tier.E, d("2023-06-01")))),
                    List.of(new Claim(Benefit.HOSPITAL_DAYS, d("2023-03-01"), d("2023-04-01"), 150L, null, null),
                            new Claim(Benefit.HOSPITAL_DAYS, d("2023-07-01"), d("2023-08-01"), 40L, null, null),
                            new Claim(Benefit.ACCIDENT_DISABILITY, d("2023-07-01"), d("2023-09-01"), null, 3L, null)))),
            r -> r.calendarAddWorkingDays(new AddWorkingDaysInput(d("2023-09-28"), 3L)),
            r -> r.healthPointFunding(new FundingInput(PointKind.NEW, 2L, bd("30000.00"), bd("25000.00"))),
            r -> r.loveShanghaiTripCheck(new TripInput(TripKind.TWO_DAY, 10L, bd("8000.00"), bd("3200.00"))),
            r -> r.loveShanghaiGoodsCheck(new GoodsInput(bd("300.00"), bd("200.00"))),
            r -> r.recuperationSubsidy(new SubsidyInput(Programme.PAIRED_REGION, 30L, 4L, 3L, null)),
            r -> r.laborRelationsScore(new ScoreInput(Map.of("1-1-1", 2, "1-1-2", 3, "2-2-1", 3, "5-3-2", -1))),
            r -> r.checkupQuote(new QuoteInput(List.of(new QuoteLine(CheckupPackage.L1, 2L), new QuoteLine(CheckupPackage.CARDIO, 1L)))),
            r -> r.deadlinesUpcoming(new UpcomingInput(d("2023-02-20"), null)),
            r -> r.loveShanghaiGoodsCheck(new GoodsInput(bd("1.005"), BigDecimal.ONE)),
            r -> r.calendarAddWorkingDays(new AddWorkingDaysInput(d("2031-01-05"), 3L)),
            r -> r.checkupQuote(new QuoteInput(List.of(new QuoteLine(CheckupPackage.L1, 1L), new QuoteLine(CheckupPackage.L2, -3L)))));

    // ---------------------------------------------------------------------------------------------
    // 3. Leaks: resident memory (VmRSS, native memory included) stays flat.

    @Test
    @Order(1)
    void residentMemoryStaysFlatOverAMillionEvaluations() throws Exception {
        List<String> kinds = new ArrayList<>(samples);
        kinds.add("{\"rule\": \"nope\"}");
        kinds.add("not json");
        kinds.add("{\"rule\":\"checkup.quote\",\"input\":{\"lines\":[{\"package\":\"L9\",\"count\":1}]}}");
        kinds.add("\uFEFF" + samples.get(0));
        List<String> expectedKinds = new ArrayList<>();
        for (String k : kinds) {
            expectedKinds.add(Shftu.evaluate(k));
        }
        List<String> chunk = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            chunk.add(kinds.get(i % kinds.size()));
            expected.add(expectedKinds.get(i % kinds.size()));
        }
        int threads = 2; // both cores of the CI machine, the same number for the warm-up and the measure
        Work run = t -> {
            for (int c = 0; c < 500; c++) {
                List<String> got = Shftu.evaluateMany(chunk);
                if (!got.equals(expected)) {
                    throw new AssertionError("evaluateMany answered differently in chunk " + c + " of thread " + t);
                }
            }
        };
        long t0 = System.nanoTime();
        onThreads(threads, t -> { // warm-up: 100,000 evaluations (JIT, heap sizing, allocator pools)
            for (int c = 0; c < 50; c++) {
                assertEquals(expected, Shftu.evaluateMany(chunk));
            }
        });
        Footprint before = settled();
        onThreads(threads, run); // 2 threads × 500 chunks × 1,000 = 1,000,000 evaluations
        assertFlat("1,000,000 evaluations", before, settled(), 128 * 1024, 32 * 1024, t0);
    }

    @Test
    @Order(2)
    void residentMemoryStaysFlatOverTypedCalls() throws Exception {
        List<String> expected = new ArrayList<>();
        for (TypedCall c : TYPED) {
            expected.add(describe(rules, c));
        }
        int perThread = 25_000; // 2 threads: 50,000 typed calls, a fifth of them throwing
        Work run = t -> {
            try (Rules own = new Rules("2023")) {
                for (int i = 0; i < perThread; i++) {
                    int j = i % TYPED.size();
                    String got = describe(own, TYPED.get(j));
                    if (!got.equals(expected.get(j))) {
                        throw new AssertionError("typed call " + j + " answered " + got + ", not " + expected.get(j));
                    }
                    if (j == 0 && ((RuleResult) TYPED.get(0).call(own)).getTrace().isEmpty()) {
                        throw new AssertionError("no trace with a typed result");
                    }
                }
            }
        };
        long t0 = System.nanoTime();
        onThreads(2, t -> {
            try (Rules own = new Rules("2023")) {
                for (int i = 0; i < 7_500; i++) { // warm-up: 15,000 typed calls
                    describe(own, TYPED.get(i % TYPED.size()));
                }
            }
        });
        Footprint before = settled();
        onThreads(2, run);
        assertFlat("50,000 typed calls", before, settled(), 128 * 1024, 32 * 1024, t0);
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Threads: the same answers as a sequential run.

    @Test
    @Order(3)
    void eightThreadsOfAHundredThousandEvaluationsAgreeWithASequentialRun() throws Exception {
        int threads = 8;
        int perThread = 100_000;
        int chunkSize = 1_000;
        int n = samples.size();
        // Thread k answers samples k, k+1, … (cycling) in chunks through evaluateMany. The sequential run
        // answers samples 0 … perThread + 6 once, on this thread, and hashes positions k … k + perThread - 1
        // for thread k.
        long t0 = System.nanoTime();
        MessageDigest[] sequential = new MessageDigest[threads];
        for (int k = 0; k < threads; k++) {
            sequential[k] = sha256();
        }
        int total = perThread + threads - 1;
        for (int start = 0; start < total; start += chunkSize) {
            List<String> chunk = new ArrayList<>(chunkSize);
            for (int i = start; i < Math.min(total, start + chunkSize); i++) {
                chunk.add(samples.get(i % n));
            }
            List<String> answers = Shftu.evaluateMany(chunk);
            assertEquals(chunk.size(), answers.size());
            for (int a = 0; a < answers.size(); a++) {
                int i = start + a;
                byte[] bytes = answers.get(a).getBytes(StandardCharsets.UTF_8);
                for (int k = Math.max(0, i - perThread + 1); k <= Math.min(threads - 1, i); k++) {
                    sequential[k].update(bytes);
                    sequential[k].update((byte) '\n');
                }
            }
        }
        String[] expected = new String[threads];
        for (int k = 0; k < threads; k++) {
            expected[k] = hex(sequential[k]);
        }
        long t1 = System.nanoTime();
        String[] got = new String[threads];
        onThreads(threads, k -> {
            MessageDigest md = sha256();
            for (int start = 0; start < perThread; start += chunkSize) {
                List<String> chunk = new ArrayList<>(chunkSize);
                for (int i = start; i < start + chunkSize; i++) {
                    chunk.add(samples.get((i + k) % n));
                }
                List<String> answers = Shftu.evaluateMany(chunk);
                if (answers.size() != chunk.size()) {
                    throw new AssertionError(answers.size() + " answers to " + chunk.size() + " requests");
                }
                for (String a : answers) {
                    digest(md, a);
                }
            }
            got[k] = hex(md);
        });
        System.out.printf("HardeningTest: sequential %,d evaluations %.1f s; %d threads x %,d evaluations %.1f s%n",
                total, (t1 - t0) / 1e9, threads, perThread, (System.nanoTime() - t1) / 1e9);
        for (int k = 0; k < threads; k++) {
            assertEquals(expected[k], got[k], "SHA-256 of thread " + k + "'s answers");
        }
        // The sequential answers are the contract's: every sample request is answered ok.
        for (String s : samples) {
            assertTrue(evaluate(s).path("ok").asBoolean(), s);
        }
    }

    @Test
    @Order(4)
    void eightThreadsOfTypedCallsAgreeWithASequentialRun() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        int m = TYPED.size();
        MessageDigest[] sequential = new MessageDigest[threads];
        for (int k = 0; k < threads; k++) {
            sequential[k] = sha256();
        }
        for (int i = 0; i < perThread + threads - 1; i++) {
            String answer = describe(rules, TYPED.get(i % m));
            for (int k = Math.max(0, i - perThread + 1); k <= Math.min(threads - 1, i); k++) {
                digest(sequential[k], answer);
            }
        }
        String[] got = new String[threads];
        // Even threads share one Rules object (its methods and lastTrace from many threads at once), odd
        // threads each open their own.
        onThreads(threads, k -> {
            Rules own = k % 2 == 0 ? rules : new Rules("2023");
            try {
                MessageDigest md = sha256();
                for (int i = 0; i < perThread; i++) {
                    digest(md, describe(own, TYPED.get((i + k) % m)));
                    if (i % 100 == 0) {
                        assertNotNull(((RuleResult) TYPED.get(0).call(own)).getTrace());
                    }
                }
                got[k] = hex(md);
            } finally {
                if (own != rules) {
                    own.close();
                }
            }
        });
        for (int k = 0; k < threads; k++) {
            assertEquals(hex(sequential[k]), got[k], "SHA-256 of thread " + k + "'s typed answers");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Hostile input through evaluate and evaluateMany.

    /** A hostile request and its answer: an error code and path, or ok (code null). */
    record Hostile(String name, String request, String code, String path) {}

    static String goods(String spent) {
        return "{\"rule\":\"love_shanghai.goods_check\",\"input\":{\"spent_per_person\":" + spent + ",\"amount_per_person\":\"1.00\"}}";
    }

    static String quote(String count) {
        return "{\"rule\":\"checkup.quote\",\"input\":{\"lines\":[{\"package\":\"L1\",\"count\":" + count + "}]}}";
    }

    static String addDays(String from, String days) {
        return "{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":" + from + ",\"days\":" + days + "}}";
    }

    static final String TEN_MB = "x".repeat(10_000_000);
    /** Under the request limit of 4 MiB. */
    static final String ONE_MB = "x".repeat(1_000_000);
    static final String THIRTY_DIGITS = "123456789012345678901234567890";
    static final String SPENT = "input.spent_per_person";
    static final String COUNT = "input.lines[0].count";

    static List<Hostile> hostile() {
        String packages = "{\"rule\":\"checkup.packages\",\"input\":{\"kind\":\"special\"}}";
        return List.of(
                // Numbers too big for any type: money and counts, as JSON numbers and as strings.
                new Hostile("money 1e30", goods("1e30"), "invalid_input", SPENT),
                new Hostile("money -1e30", goods("-1e30"), "invalid_input", SPENT),
                new Hostile("money 1e400 (beyond a double)", goods("1e400"), "invalid_input", SPENT),
                new Hostile("money 1e-400", goods("1e-400"), "invalid_input", SPENT),
                new Hostile("money 30 digits, number", goods(THIRTY_DIGITS), "invalid_input", SPENT),
                new Hostile("money 30 digits and .00, number", goods(THIRTY_DIGITS + ".00"), "invalid_input", SPENT),
                new Hostile("money 30 digits, string", goods("\"" + THIRTY_DIGITS + "\""), "invalid_input", SPENT),
                new Hostile("money 10,000,000 digits, number", goods("1".repeat(10_000_000)), "limit_exceeded", "request"),
                new Hostile("money 10,000,000 digits, string", goods("\"" + "1".repeat(10_000_000) + "\""), "limit_exceeded", "request"),
                new Hostile("money -0", goods("-0"), "invalid_input", SPENT),
                new Hostile("count 9223372036854775807", quote("9223372036854775807"), "invalid_input", COUNT),
                new Hostile("count 18446744073709551616", quote("18446744073709551616"), "invalid_input", COUNT),
                new Hostile("count -9223372036854775809", quote("-9223372036854775809"), "invalid_input", COUNT),
                new Hostile("count 4294967296", quote("4294967296"), "invalid_input", COUNT),
                new Hostile("count 1e30", quote("1e30"), "invalid_input", COUNT),
                new Hostile("count 1.0", quote("1.0"), "invalid_input", COUNT),
                new Hostile("count 4294967295 (the largest)", quote("4294967295"), null, null),
                new Hostile("days 4294967295", addDays("\"2023-09-28\"", "4294967295"), "calendar_unavailable", "input.days"),
                new Hostile("score point 9223372036854775807",
                        "{\"rule\":\"labor_relations.score\",\"input\":{\"items\":{\"1-1-1\":9223372036854775807}}}",
                        "invalid_input", "input.items.1-1-1"),
                // NaN and Infinity: not JSON as bare words, not money as strings.
                new Hostile("money NaN", goods("NaN"), "invalid_json", null),
                new Hostile("money Infinity", goods("Infinity"), "invalid_json", null),
                new Hostile("money -Infinity", goods("-Infinity"), "invalid_json", null),
                new Hostile("count NaN", quote("NaN"), "invalid_json", null),
                new Hostile("money \"NaN\"", goods("\"NaN\""), "invalid_input", SPENT),
                new Hostile("money \"Infinity\"", goods("\"Infinity\""), "invalid_input", SPENT),
                new Hostile("money \"-Infinity\"", goods("\"-Infinity\""), "invalid_input", SPENT),
                // Wrong types in the envelope and the input.
                new Hostile("rule a number", "{\"rule\":5,\"input\":{}}", "invalid_input", "rule"),
                new Hostile("rule null", "{\"rule\":null,\"input\":{}}", "invalid_input", "rule"),
                new Hostile("no rule", "{}", "invalid_input", "rule"),
                new Hostile("no input", "{\"rule\":\"checkup.quote\"}", "invalid_input", "input"),
                new Hostile("input null", "{\"rule\":\"checkup.quote\",\"input\":null}", "invalid_input", "input"),
                new Hostile("input an array", "{\"rule\":\"checkup.quote\",\"input\":[]}", "invalid_input", "input"),
                new Hostile("input a string", "{\"rule\":\"checkup.quote\",\"input\":\"lines\"}", "invalid_input", "input"),
                new Hostile("edition a number", "{\"rule\":\"checkup.packages\",\"edition\":2023,\"input\":{}}", "invalid_input", "edition"),
                new Hostile("edition 1999", "{\"rule\":\"checkup.packages\",\"edition\":\"1999\",\"input\":{}}", "unknown_edition", "edition"),
                new Hostile("lines null", "{\"rule\":\"checkup.quote\",\"input\":{\"lines\":null}}", "invalid_input", "input.lines"),
                new Hostile("count null", quote("null"), "invalid_input", COUNT),
                new Hostile("count a string", quote("\"1\""), "invalid_input", COUNT),
                new Hostile("count an object", quote("{}"), "invalid_input", COUNT),
                new Hostile("a top-level array", "[1,2]", "invalid_json", null),
                new Hostile("a top-level string", "\"checkup.quote\"", "invalid_json", null),
                new Hostile("a top-level number", "42", "invalid_json", null),
                new Hostile("a top-level null", "null", "invalid_json", null),
                // Empty and 10 MB strings.
                new Hostile("the empty request", "", "invalid_json", null),
                new Hostile("whitespace only", " \n\t ", "invalid_json", null),
                new Hostile("rule \"\"", "{\"rule\":\"\",\"input\":{}}", "unknown_rule", "rule"),
                new Hostile("date \"\"", addDays("\"\"", "1"), "invalid_input", "input.from"),
                new Hostile("money \"\"", goods("\"\""), "invalid_input", SPENT),
                new Hostile("an empty field name", "{\"rule\":\"checkup.quote\",\"input\":{\"\":1,\"lines\":[]}}", "invalid_input", "input."),
                new Hostile("date of 10 MB", addDays("\"" + TEN_MB + "\"", "1"), "limit_exceeded", "request"),
                new Hostile("rule of 10 MB", "{\"rule\":\"" + TEN_MB + "\",\"input\":{}}", "limit_exceeded", "request"),
                new Hostile("rule of 1 MB", "{\"rule\":\"" + ONE_MB + "\",\"input\":{}}", "unknown_rule", "rule"),
                new Hostile("field name of 10 MB", "{\"rule\":\"calendar.add_working_days\",\"input\":{\"" + TEN_MB + "\":1}}",
                        "limit_exceeded", "request"),
                new Hostile("field name of 1 MB", "{\"rule\":\"calendar.add_working_days\",\"input\":{\"" + ONE_MB + "\":1}}",
                        "invalid_input", "input." + ONE_MB),
                new Hostile("10 MB of garbage", TEN_MB, "limit_exceeded", "request"),
                new Hostile("1 MB of garbage", ONE_MB, "invalid_json", null),
                new Hostile("10 MB of whitespace around a request", " ".repeat(10_000_000) + packages + "\n", "limit_exceeded", "request"),
                new Hostile("3 MB of whitespace around a request", " ".repeat(3_000_000) + packages + "\n", null, null),
                // 10,000 levels of nesting.
                new Hostile("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), "invalid_json", null),
                new Hostile("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "invalid_json", null),
                new Hostile("10,000 nested arrays in the input",
                        "{\"rule\":\"checkup.quote\",\"input\":{\"lines\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}}",
                        "invalid_json", null),
                new Hostile("100 nested arrays in the input (under the limit)",
                        "{\"rule\":\"checkup.quote\",\"input\":{\"lines\":" + "[".repeat(100) + "]".repeat(100) + "}}",
                        "invalid_input", "input.lines[0]"),
                // Duplicate keys: the last one wins (serde_json's reading), at every level.
                new Hostile("rule twice (the last is read)",
                        "{\"rule\":\"calendar.add_working_days\",\"rule\":\"mutual_aid.enroll\",\"input\":{}}", "invalid_input", "input.tier"),
                new Hostile("input twice (the last is read)",
                        "{\"rule\":\"checkup.packages\",\"input\":{\"kind\":\"x\"},\"input\":{\"kind\":\"special\"}}", null, null),
                new Hostile("a field twice (the last is read)",
                        "{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":\"2023-09-28\",\"days\":\"x\",\"days\":4}}", null, null),
                // Byte-order marks: one in front is skipped (spec: core/src/wire.rs), anywhere else is an error.
                new Hostile("a UTF-8 BOM in front", "\uFEFF" + packages, null, null),
                new Hostile("two BOMs in front", "\uFEFF\uFEFF" + packages, "invalid_json", null),
                new Hostile("a BOM inside", "{\"rule\":\"checkup.packages\",\"input\":{}\uFEFF}", "invalid_json", null),
                new Hostile("a BOM in a value", "{\"rule\":\"checkup.packages\",\"input\":{\"kind\":\"\uFEFFspecial\"}}", "invalid_input", "input.kind"),
                // Surrogates and control characters inside the JSON text.
                new Hostile("a lone high surrogate escape", addDays("\"\\ud800\"", "1"), "invalid_json", null),
                new Hostile("a lone low surrogate escape", addDays("\"\\udc00\"", "1"), "invalid_json", null),
                new Hostile("a surrogate pair escape", addDays("\"\\ud83d\\ude00\"", "1"), "invalid_input", "input.from"),
                new Hostile("a raw NUL in a string", addDays("\"2023-09-28\u0000\"", "1"), "invalid_json", null),
                new Hostile("an escaped NUL in a string", addDays("\"2023-09-28\\u0000\"", "1"), "invalid_input", "input.from"));
    }

    @TestFactory
    @Order(5)
    Stream<DynamicTest> hostileRequestsAnswerWithTheirCodeAndPath() {
        return hostile().stream().map(h -> DynamicTest.dynamicTest(h.name(), () -> {
            if (h.code() == null) {
                JsonNode r = evaluate(h.request());
                assertTrue(r.path("ok").asBoolean(), () -> shorten(r.toString()));
            } else {
                assertFails(h.request(), h.code(), h.path());
            }
        }));
    }

    @Test
    @Order(6)
    void hostileRequestsAnswerAsTheyShould() throws Exception {
        // The answers that hold figures, not just an ok.
        JsonNode largest = evaluate(quote("4294967295"));
        assertEquals("1331439861450.00", largest.at("/result/total/price").asText());
        JsonNode lastDays = evaluate(addDays("\"2023-09-28\"", "\"x\",\"days\":4"));
        assertEquals("2023-10-10", lastDays.at("/result/date").asText(), "the last of two \"days\" is read");
        String packages = "{\"rule\":\"checkup.packages\",\"input\":{\"kind\":\"special\"}}";
        String plain = Shftu.evaluate(packages);
        assertEquals(plain, Shftu.evaluate("\uFEFF" + packages), "a BOM in front changes nothing");
        assertEquals(plain, Shftu.evaluate(" ".repeat(3_000_000) + packages + "\n"), "nor does whitespace");
        // The largest counts on many lines: exact decimal totals, no overflow.
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"package\":\"L4\",\"count\":4294967295}");
        }
        JsonNode many = evaluate("{\"rule\":\"checkup.quote\",\"input\":{\"lines\":[" + lines + "]}}");
        assertEquals("810.00", many.at("/result/lines/0/unit_price").asText());
        assertEquals("3478923508950000.00", many.at("/result/total/price").asText()); // 810 × 4294967295 × 1000
    }

    @Test
    @Order(7)
    void evaluateManyAnswersTheHostileMatrixAsEvaluateDoes() throws Exception {
        List<Hostile> matrix = hostile();
        List<String> requests = matrix.stream().map(Hostile::request).toList();
        List<String> many = Shftu.evaluateMany(requests);
        assertEquals(requests.size(), many.size());
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(Shftu.evaluate(requests.get(i)), many.get(i), matrix.get(i).name());
        }
        assertEquals(List.of(), Shftu.evaluateMany(List.of()));
    }

    @Test
    @Order(8)
    void nullAndWrongTypesInEveryFieldOfEverySampleRequest() throws Exception {
        List<String> requests = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int checks = 0;
        for (String line : samples) {
            ObjectNode req = (ObjectNode) ConformanceTest.JSON.readTree(line);
            // The envelope's own fields.
            for (String f : List.of("rule", "input")) {
                ObjectNode bad = req.deepCopy();
                bad.set(f, NullNode.instance);
                requests.add(bad.toString());
                assertFails(bad.toString(), "invalid_input", f);
                checks++;
            }
            ObjectNode nullEdition = req.deepCopy();
            nullEdition.set("edition", NullNode.instance);
            assertEquals(Shftu.evaluate(line), Shftu.evaluate(nullEdition.toString()), "edition null is the default");
            // Every field of the input: null, and values of another JSON kind.
            List<String> fields = new ArrayList<>();
            req.get("input").fieldNames().forEachRemaining(fields::add);
            for (String f : fields) {
                JsonNode orig = req.get("input").get(f);
                List<JsonNode> wrong = new ArrayList<>();
                if (orig.isArray()) {
                    wrong.add(ConformanceTest.JSON.createObjectNode().put("x", 1));
                    wrong.add(BooleanNode.TRUE);
                } else if (orig.isObject()) {
                    wrong.add(ConformanceTest.JSON.createArrayNode().add(1));
                    wrong.add(BooleanNode.TRUE);
                } else {
                    wrong.add(ConformanceTest.JSON.createArrayNode());
                    wrong.add(ConformanceTest.JSON.createObjectNode());
                    wrong.add(orig.isBoolean() ? TextNode.valueOf("true") : BooleanNode.TRUE);
                }
                for (JsonNode w : wrong) {
                    ObjectNode bad = req.deepCopy();
                    ((ObjectNode) bad.get("input")).set(f, w);
                    requests.add(bad.toString());
                    JsonNode r = evaluate(bad.toString());
                    checks++;
                    if (r.path("ok").asBoolean() || !"invalid_input".equals(r.at("/error/code").asText())
                            || !("input." + f).equals(r.at("/error/path").asText())) {
                        failures.add(bad + " -> " + r);
                    }
                }
                // null: invalid_input at the field, or (an optional field) the same answer as without it.
                ObjectNode withNull = req.deepCopy();
                ((ObjectNode) withNull.get("input")).set(f, NullNode.instance);
                requests.add(withNull.toString());
                JsonNode r = evaluate(withNull.toString());
                checks++;
                if (r.path("ok").asBoolean()) {
                    ObjectNode without = req.deepCopy();
                    ((ObjectNode) without.get("input")).remove(f);
                    if (!r.equals(evaluate(without.toString()))) {
                        failures.add(withNull + " answers otherwise than without " + f + ": " + r);
                    }
                } else if (!"invalid_input".equals(r.at("/error/code").asText()) || !("input." + f).equals(r.at("/error/path").asText())) {
                    failures.add(withNull + " -> " + r);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checks > 300, "only " + checks + " checks");
        // The same requests in one evaluateMany call answer as evaluate does.
        List<String> many = Shftu.evaluateMany(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(Shftu.evaluate(requests.get(i)), many.get(i), requests.get(i));
        }
    }

    @Test
    @Order(9)
    void aLoneSurrogateIsRefusedWithACodeAndAPath() throws Exception {
        // Text that is not Unicode never reaches the library as text: evaluate answers invalid_json (the wire
        // contract's code for text that is not UTF-8), found on the JVM before any copy.
        String lone = addDays("\"2023-09-2\uD800\"", "1");
        assertFails(lone, "invalid_json", null);
        assertTrue(evaluate(lone).at("/error/message").asText().contains("lone surrogate"));
        assertFails("\uDC00", "invalid_json", null);
        List<String> many = Shftu.evaluateMany(List.of(samples.get(0), "\uD83D"));
        assertEquals(Shftu.evaluate(samples.get(0)), many.get(0));
        assertEquals(Shftu.evaluate("\uD83D"), many.get(1));
        // In the typed API the text crosses with U+FFFD in its place, and the library refuses the field at its path.
        assertTypedError("unknown_edition", "edition", () -> new Rules("2023\uD800"));
        assertTypedError("invalid_input", "input.items.1-1-1\uFFFD", () -> rules.laborRelationsScore(new ScoreInput(Map.of("1-1-1\uDFFF", 1))));
        assertTypedError("invalid_input", "input.met[1]", () -> rules.restRoomChecklist(new ChecklistInput(List.of("staff", "\uD800x"), null, null)));
        // A well-formed pair is a character like any other; and the library answers on.
        assertFails(addDays("\"\uD83D\uDE00\"", "1"), "invalid_input", "input.from");
        assertTrue(evaluate(samples.get(0)).path("ok").asBoolean());
    }

    @Test
    @Order(10)
    void javaNullsAreAnswersWithACodeAndAPath() throws Exception {
        // evaluate: a null request is the invalid_json response; a null in the list, that element's response.
        assertFails(null, "invalid_json", null);
        List<String> many = Shftu.evaluateMany(Arrays.asList(samples.get(0), null));
        assertEquals(Shftu.evaluate(samples.get(0)), many.get(0));
        assertEquals(Shftu.evaluate(null), many.get(1));
        assertTypedError("invalid_input", "requests", () -> Shftu.evaluateMany(null));
        // The typed API: a null where a value is required is invalid_input at the field's path.
        assertEquals("2023", new Rules((String) null).edition(), "a null edition is the default, as on the wire");
        assertTypedError("invalid_input", "input", () -> rules.checkupQuote(null));
        assertTypedError("invalid_input", "input.spent_per_person", () -> rules.loveShanghaiGoodsCheck(new GoodsInput(null, BigDecimal.ONE)));
        assertTypedError("invalid_input", "input.from", () -> rules.calendarAddWorkingDays(new AddWorkingDaysInput(null, 1L)));
        assertTypedError("invalid_input", "input.tier", () -> rules.mutualAidEnroll(
                new EnrollInput(null, Channel.GROUP, d("2023-05-15"), Industry.COURIER, d("1990-01-01"), false, false)));
        assertTypedError("invalid_input", "input.lines", () -> rules.checkupQuote(new QuoteInput(null)));
        assertTypedError("invalid_input", "input.lines[1]",
                () -> rules.checkupQuote(new QuoteInput(Arrays.asList(new QuoteLine(CheckupPackage.L1, 1L), null))));
        Map<String, Integer> nullPoints = new java.util.HashMap<>();
        nullPoints.put("1-1-1", null);
        // A null value in a map answers as the wire contract's null does.
        String wire = Shftu.evaluate("{\"rule\":\"labor_relations.score\",\"input\":{\"items\":{\"1-1-1\":null}}}");
        if (wire.startsWith("{\"ok\":true")) {
            assertEquals(ConformanceTest.canon(wire), ConformanceTest.canon(rules.laborRelationsScore(new ScoreInput(nullPoints)).toResponseJson()));
        } else {
            assertTypedError(evaluate(wire.isEmpty() ? "" : "{\"rule\":\"labor_relations.score\",\"input\":{\"items\":{\"1-1-1\":null}}}")
                    .at("/error/code").asText(), "input.items.1-1-1", () -> rules.laborRelationsScore(new ScoreInput(nullPoints)));
        }
        Map<String, Integer> nullItem = new java.util.HashMap<>();
        nullItem.put(null, 1);
        assertTypedError("invalid_input", "input.items", () -> rules.laborRelationsScore(new ScoreInput(nullItem)));
        assertTypedError("invalid_input", "result", () -> rules.explain((RuleResult) null));
        assertTypedError("invalid_input", "response", () -> Shftu.explain(null, Lang.EN));
    }

    @Test
    @Order(11)
    void nullInEveryOptionalTypedFieldIsTheDefault() throws ShftuException {
        // Kotlin's nullable fields (Option in Rust) take a Java null as "not given".
        assertEquals(d("2023-05-01"), rules.mutualAidChange(new ChangeInput(Tier.C, Tier.E, d("2023-04-10"), null)).getEffectiveFrom());
        assertEquals(null, rules.healthPointFunding(new FundingInput(PointKind.NEW, 2L, null, null)).getCompliant());
        assertEquals(bd("30000.00"), rules.healthPointFunding(new FundingInput(PointKind.NEW, 2L, null, null)).getCitySubsidy());
        assertFalse(rules.checkupPackages(new PackagesInput(null)).getPackages().isEmpty());
        assertFalse(rules.referenceServiceCentres(new LookupInput(null)).getCentres().isEmpty());
    }

    @Test
    @Order(12)
    void hugeBigDecimalsIntoTheTypedApiAreInvalidInputAtTheirPath() throws ShftuException {
        BigDecimal thousandDigits = bd("9".repeat(1000));
        List<BigDecimal> hostileAmounts = List.of(
                bd("1e-400"), // 400 decimals
                thousandDigits, // 1000 digits
                thousandDigits.movePointLeft(1000), // 0.999…: 1000 decimals
                thousandDigits.movePointLeft(2), // 998 digits and two decimals: too large
                bd("1e30"),
                bd(THIRTY_DIGITS),
                bd("-1e30"),
                bd("999999999999.995"),
                bd("1000000000000.00"), // one fen over the largest amount
                bd("1.50000"), // trailing zeros are decimals too
                bd("0E-1000"), // zero with 1000 decimals
                // Tiny BigDecimals whose plain text is huge: sent in scientific notation (uniffi.toml), refused at
                // once instead of the JVM building a string of a billion digits (before: seconds, gigabytes,
                // then IllegalArgumentException or NegativeArraySizeException instead of ShftuException).
                bd("1e-1000000000"),
                bd("0E-1000000000"),
                bd("1e+2147483647"),
                bd("-1e+1000000000"),
                new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE),
                new BigDecimal(BigInteger.TEN.pow(1000), -1_000_000));
        for (BigDecimal amount : hostileAmounts) {
            assertTypedError("invalid_input", SPENT, () -> rules.loveShanghaiGoodsCheck(new GoodsInput(amount, BigDecimal.ONE)));
            assertTypedError("invalid_input", "input.meal_cost",
                    () -> rules.loveShanghaiTripCheck(new TripInput(TripKind.ONE_DAY, 1L, BigDecimal.ONE, amount)));
            assertTypedError("invalid_input", "input.stays[1].cost_per_person", () -> rules.recuperationSanatoriumAllocation(
                    new AllocationInput(bd("1000.00"), List.of(new Stay(1L, BigDecimal.ONE, null), new Stay(1L, amount, null)))));
            assertTypedError("invalid_input", "input.claims[0].amount", () -> rules.mutualAidAdjudicate(new AdjudicateInput(
                    new Policy(Tier.E, d("2023-01-01"), d("2023-12-31"), List.of()),
                    List.of(new Claim(Benefit.CI_MEDICAL_SUBSIDY, d("2023-03-01"), d("2023-04-01"), null, null, amount)))));
        }
        // The bounds themselves are money; a zero with a huge negative scale is zero.
        assertEquals(bd("999999999500.99"), // 999999999999.99 spent + 1.00 − the cap of 500.00
                rules.loveShanghaiGoodsCheck(new GoodsInput(bd("999999999999.99"), BigDecimal.ONE)).getExcess());
        assertEquals(bd("0.00"), rules.loveShanghaiGoodsCheck(new GoodsInput(bd("0E+1000000000"), BigDecimal.ONE)).getExcess());
        assertEquals(bd("0.00"), rules.loveShanghaiGoodsCheck(new GoodsInput(bd("1E+2"), BigDecimal.ONE)).getExcess()); // 100
    }

    @Test
    @Order(13)
    void outOfRangeCountsDatesAndStringsIntoTheTypedApi() throws ShftuException {
        for (long count : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_296L, -1L}) {
            assertTypedError("invalid_input", "input.lines[1].count", () -> rules.checkupQuote(
                    new QuoteInput(List.of(new QuoteLine(CheckupPackage.L1, 1L), new QuoteLine(CheckupPackage.L2, count)))));
            assertTypedError("invalid_input", "input.person_days", () -> rules.laborRelationsGuidanceSubsidy(new GuidanceInput(count)));
            assertTypedError("invalid_input", "input.achieved.health_points_new",
                    () -> rules.programmesProgress(new ProgressInput(Map.of("health_points_new", count))));
        }
        Quote largest = rules.checkupQuote(new QuoteInput(List.of(new QuoteLine(CheckupPackage.L1, 4_294_967_295L))));
        assertEquals(bd("1331439861450.00"), largest.getTotal().getPrice());
        for (int points : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertTypedError("invalid_input", "input.items.1-1-1", () -> rules.laborRelationsScore(new ScoreInput(Map.of("1-1-1", points))));
        }
        assertTypedError("invalid_input", "input.from", () -> rules.calendarAddWorkingDays(new AddWorkingDaysInput(LocalDate.MAX, 1L)));
        assertTypedError("invalid_input", "input.from", () -> rules.calendarAddWorkingDays(new AddWorkingDaysInput(LocalDate.MIN, 1L)));
        assertTypedError("calendar_unavailable", "input.days",
                () -> rules.calendarAddWorkingDays(new AddWorkingDaysInput(d("2023-01-01"), 4_294_967_295L)));
        assertTypedError("invalid_input", "input.submitted_at", () -> rules.healthPointApplicationCheck(
                new ApplicationCheckInput(LocalDateTime.MAX, 1L, 1L, List.of())));
        assertTypedError("invalid_input", "input.date",
                () -> rules.mutualAidEnroll(new EnrollInput(Tier.E, Channel.GROUP, LocalDate.of(-5, 1, 1), Industry.COURIER, d("1990-01-01"), false, false)));
        // Empty and 10 MB strings.
        assertTypedError("unknown_edition", "edition", () -> new Rules(""));
        assertTypedError("unknown_edition", "edition", () -> new Rules(TEN_MB));
        assertTypedError("invalid_input", "input.items.", () -> rules.laborRelationsScore(new ScoreInput(Map.of("", 1))));
        assertTypedError("invalid_input", "input.items." + TEN_MB, () -> rules.laborRelationsScore(new ScoreInput(Map.of(TEN_MB, 1))));
        assertTypedError("invalid_input", "input.met[0]", () -> rules.restRoomChecklist(new ChecklistInput(List.of(""), null, null)));
        assertTypedError("invalid_input", "input.met[1]", () -> rules.restRoomChecklist(new ChecklistInput(List.of("staff", TEN_MB), null, null)));
        // A Rules holds nothing to release: closing it (try-with-resources) leaves it answering.
        Rules closed = new Rules("2023");
        closed.close();
        assertFalse(closed.checkupPackages(new PackagesInput(null)).getPackages().isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // A million claims: past the limit of claims, refused before the work (and, typed, before the bytes).

    @Test
    @Order(100)
    void aMillionClaimsAreLimitExceededAndTheLimitItselfAnswers() throws Exception {
        String claim = "{\"benefit\":\"accident_consolation\",\"event_date\":\"2023-03-01\",\"filed_on\":\"2023-04-01\"}";
        Claim c = new Claim(Benefit.ACCIDENT_CONSOLATION, d("2023-03-01"), d("2023-04-01"), null, null, null);
        long limit = ConformanceTest.JSON.readTree(Shftu.describe()).at("/limits/claims").asLong();
        for (int n : new int[] {(int) limit, (int) limit + 1, 1_000_000}) {
            StringBuilder sb = new StringBuilder(86 * n + 200);
            sb.append("{\"rule\":\"mutual_aid.adjudicate\",\"input\":{\"policy\":{\"tier\":\"E\",\"coverage_start\":\"2023-01-01\",")
                    .append("\"coverage_end\":\"2023-12-31\"},\"claims\":[");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(claim);
            }
            String request = sb.append("]}}").toString();
            long t0 = System.nanoTime();
            JsonNode wire = evaluate(request);
            long t1 = System.nanoTime();
            AdjudicateInput input = new AdjudicateInput(new Policy(Tier.E, d("2023-01-01"), d("2023-12-31"), List.of()), Collections.nCopies(n, c));
            if (n <= limit) {
                assertTrue(wire.path("ok").asBoolean(), () -> shorten(wire.toString()));
                assertEquals("6000.00", wire.at("/result/total_payable").asText()); // 500 a claim, 6,000 a period (E)
                Adjudication a = rules.mutualAidAdjudicate(input);
                assertEquals(bd("6000.00"), a.getTotalPayable());
                assertEquals(n, a.getDecisions().size());
                assertEquals(ClaimStatus.PAID, a.getDecisions().get(11).getStatus());
                assertEquals(List.of(MutualAidReason.BENEFIT_CAP_REACHED), a.getDecisions().get(n - 1).getReasons());
            } else {
                String what = request.length() > 4 << 20 ? "request" : "input.claims";
                assertFails(request, "limit_exceeded", what);
                long t2 = System.nanoTime();
                assertTypedError("limit_exceeded", "input.claims", () -> rules.mutualAidAdjudicate(input));
                long t3 = System.nanoTime();
                System.out.printf("HardeningTest: %,d claims: evaluate refused in %.3f s, typed in %.3f s%n", n, (t1 - t0) / 1e9, (t3 - t2) / 1e9);
            }
        }
    }
}
