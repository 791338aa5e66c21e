package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: every result carries its own trace. 16 threads make 100,000 mixed calls each on one shared
 * {@link Rules} (and its Chinese copy): four rules through the typed API and the wire contract through
 * {@code evaluate}; every answer's trace is checked against the trace its own request gets when asked alone.
 */
class TraceThreadsTest {
    static final int THREADS = 16;
    static final int CALLS = 100_000;

    /** A call and what it must answer: its result (with its trace) and the wire's response, computed alone beforehand. */
    record Call(int kind, Object input, String request, RuleResult expected, String result, List<TraceStep> trace, String response) {}

    interface Typed {
        RuleResult call(Rules r, Object input) throws ShftuException;
    }

    static final Typed[] TYPED = {
        (r, in) -> r.mutualAidEnroll((EnrollInput) in),
        (r, in) -> r.calendarAddWorkingDays((AddWorkingDaysInput) in),
        (r, in) -> r.mutualAidClaimDeadline((ClaimDeadlineInput) in),
        (r, in) -> r.checkupQuote((QuoteInput) in),
    };

    static List<Object[]> inputs() {
        List<Object[]> out = new ArrayList<>();
        Tier[] tiers = Tier.values();
        Industry[] industries = Industry.values();
        for (int m = 1; m <= 12; m++) {
            for (int t = 0; t < tiers.length; t++) {
                out.add(new Object[] {0, new EnrollInput(tiers[t], t == 2 ? Channel.INDIVIDUAL : Channel.GROUP,
                        LocalDate.of(2023, m, 1 + m), industries[(m + t) % industries.length], LocalDate.of(1960 + 3 * m, t + 1, 1))});
            }
            out.add(new Object[] {1, new AddWorkingDaysInput(LocalDate.of(2023, m, 3 + m), (long) (m * 2))});
            out.add(new Object[] {2, new ClaimDeadlineInput(Benefit.values()[m % Benefit.values().length], LocalDate.of(2023, m, 28),
                    LocalDate.of(2023, m, 10 + m))});
            out.add(new Object[] {3, new QuoteInput(List.of(new QuoteLine(CheckupPackage.values()[m % CheckupPackage.values().length], (long) m),
                    new QuoteLine(CheckupPackage.L1, (long) (13 - m))))});
        }
        return out;
    }

    static List<Call> expected(Rules rules) throws ShftuException {
        List<Call> calls = new ArrayList<>();
        for (Object[] in : inputs()) {
            int kind = (Integer) in[0];
            RuleResult r = TYPED[kind].call(rules, in[1]);
            // The same request on the wire (its result and trace, in the same language).
            String request = "{\"rule\":\"" + r.getRuleId() + "\",\"lang\":\"" + rules.lang().tag() + "\",\"input\":"
                    + ((Object) in[1] instanceof EnrollInput e ? e.toJson()
                    : in[1] instanceof AddWorkingDaysInput a ? a.toJson()
                    : in[1] instanceof ClaimDeadlineInput c ? c.toJson() : ((QuoteInput) in[1]).toJson()) + "}";
            calls.add(new Call(kind, in[1], request, r, r.toJson(), r.getTrace(), Shftu.evaluate(request)));
        }
        return calls;
    }

    @Test
    void sixteenThreadsOfAHundredThousandMixedCallsEachGetTheirOwnTrace() throws Exception {
        Rules en = new Rules("2023");
        Rules zh = en.withLang(Lang.ZH_CN);
        List<Call> enCalls = expected(en);
        List<Call> zhCalls = expected(zh);
        // The requests differ in their traces, so a trace that went to another request would be seen.
        Set<List<TraceStep>> distinct = new HashSet<>();
        for (Call c : enCalls) {
            assertTrue(!c.trace().isEmpty(), "a trace for " + c.request());
            distinct.add(c.trace());
            assertTrue(c.response().startsWith("{\"ok\":true"), c.response());
        }
        assertTrue(distinct.size() >= enCalls.size() * 9 / 10, distinct.size() + " distinct traces of " + enCalls.size());
        // And the typed traces are the wire contract's.
        for (Call c : zhCalls) {
            assertEquals(ConformanceTest.canon(c.response()),
                    ConformanceTest.canon("{\"ok\":true,\"rule\":" + c.response().split("\"rule\":", 2)[1].split(",", 2)[0]
                            + ",\"edition\":\"2023\",\"result\":" + c.result() + ",\"trace\":" + traceJson(c.trace()) + "}"));
        }

        AtomicLong checked = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < THREADS; k++) {
            int thread = k;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        boolean chinese = ((i + thread) & 1) == 1;
                        List<Call> pool = chinese ? zhCalls : enCalls;
                        Call c = pool.get((int) ((thread * 7919L + i * 31L) % pool.size()));
                        if (i % 10 == 9) {
                            String got = Shftu.evaluate(c.request());
                            if (!got.equals(c.response())) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, "evaluate " + c.request() + " answered " + got);
                            }
                        } else {
                            RuleResult r = TYPED[c.kind()].call(chinese ? zh : en, c.input());
                            // equals compares every field and the result's rule, edition, language and trace.
                            if (!r.equals(c.expected()) || !r.getTrace().equals(c.trace())) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, c.request() + " got the trace " + r.getTrace() + ", its own is " + c.trace());
                            }
                        }
                        checked.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, "thread " + thread + ": " + e);
                }
            }, "trace-" + k);
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("TraceThreadsTest: %d threads x %,d calls on one Rules: %.1f s%n", THREADS, CALLS, (System.nanoTime() - t0) / 1e9);
        assertEquals(null, firstFailure.get());
        assertEquals(0, failures.get());
        assertEquals((long) THREADS * CALLS, checked.get());
    }

    static String traceJson(List<TraceStep> steps) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            steps.get(i).writeJson(sb);
        }
        return sb.append(']').toString();
    }

    @Test
    void aResultBuiltByHandHasNoTrace() {
        Enrollment e = new Enrollment(false, List.of(MutualAidReason.AGE_LIMIT), null, null, null, (BigDecimal) null, null);
        assertEquals(List.of(), e.getTrace());
        assertEquals(null, e.getRuleId());
    }
}
