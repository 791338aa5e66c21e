package org.shftu.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.shftu.rules.AdjudicateInput;
import org.shftu.rules.Adjudication;
import org.shftu.rules.Benefit;
import org.shftu.rules.Channel;
import org.shftu.rules.Claim;
import org.shftu.rules.EnrollInput;
import org.shftu.rules.Enrollment;
import org.shftu.rules.Industry;
import org.shftu.rules.Policy;
import org.shftu.rules.Rules;
import org.shftu.rules.Shftu;
import org.shftu.rules.ShftuException;
import org.shftu.rules.Tier;
import org.shftu.rules.TierChange;
import org.shftu.rules.TraceMode;

/**
 * The JVM binding's calls, after warm-up: the typed {@code mutual_aid.enroll} and {@code mutual_aid.adjudicate}
 * (trace notes, the default; and trace off), {@code evaluate} on the JSON text of one enrolment, and
 * {@code evaluateMany} over the batch of benches/node/bench.mjs (1,000 requests alternating an enrolment and a
 * four-claim adjudication). Time per operation; for evaluateMany per request (1,000 per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RulesBench {
    static final String ENROLL = "{\"rule\":\"mutual_aid.enroll\",\"input\":{\"tier\":\"E\",\"channel\":\"group\","
            + "\"date\":\"2023-03-15\",\"industry\":\"courier\",\"birth_date\":\"1990-05-01\"}}";
    static final String ADJUDICATE = "{\"rule\":\"mutual_aid.adjudicate\",\"input\":{\"policy\":{\"tier\":\"D\","
            + "\"coverage_start\":\"2023-01-01\",\"coverage_end\":\"2023-12-31\",\"changes\":[{\"to\":\"E\",\"effective_from\":\"2023-06-01\"}]},"
            + "\"claims\":[{\"benefit\":\"hospital_days\",\"event_date\":\"2023-03-01\",\"filed_on\":\"2023-03-20\",\"days\":10},"
            + "{\"benefit\":\"critical_illness\",\"event_date\":\"2023-07-01\",\"filed_on\":\"2023-07-20\"},"
            + "{\"benefit\":\"ci_medical_subsidy\",\"event_date\":\"2023-07-02\",\"filed_on\":\"2023-07-20\",\"amount\":\"50000.00\"},"
            + "{\"benefit\":\"accident_disability\",\"event_date\":\"2023-08-01\",\"filed_on\":\"2023-08-20\",\"grade\":3}]}}";

    Rules rules;
    Rules rulesOff;
    EnrollInput enroll;
    AdjudicateInput adjudicate;
    List<String> batch;

    @Setup
    public void setup() throws ShftuException {
        rules = new Rules("2023");
        rulesOff = rules.withTrace(TraceMode.OFF);
        enroll = new EnrollInput(Tier.E, Channel.GROUP, LocalDate.of(2023, 3, 15), Industry.COURIER, LocalDate.of(1990, 5, 1));
        adjudicate = new AdjudicateInput(
                new Policy(Tier.D, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), List.of(new TierChange(Tier.E, LocalDate.of(2023, 6, 1)))),
                List.of(new Claim(Benefit.HOSPITAL_DAYS, LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 20), 10L, null, null),
                        new Claim(Benefit.CRITICAL_ILLNESS, LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 20), null, null, null),
                        new Claim(Benefit.CI_MEDICAL_SUBSIDY, LocalDate.of(2023, 7, 2), LocalDate.of(2023, 7, 20), null, null, new BigDecimal("50000.00")),
                        new Claim(Benefit.ACCIDENT_DISABILITY, LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 20), null, 3L, null)));
        batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(i % 2 == 1 ? ENROLL : ADJUDICATE);
        }
        // The answers are the contract's before anything is timed.
        if (!Shftu.evaluate(ENROLL).startsWith("{\"ok\":true") || !Shftu.evaluate(ADJUDICATE).startsWith("{\"ok\":true")
                || !rules.mutualAidEnroll(enroll).getAccepted()
                || rules.mutualAidAdjudicate(adjudicate).getTotalPayable().compareTo(new BigDecimal("190600.00")) != 0) {
            throw new IllegalStateException("unexpected answers");
        }
    }

    @Benchmark
    public Enrollment typedEnroll() throws ShftuException {
        return rules.mutualAidEnroll(enroll);
    }

    @Benchmark
    public Enrollment typedEnrollTraceOff() throws ShftuException {
        return rulesOff.mutualAidEnroll(enroll);
    }

    @Benchmark
    public Adjudication typedAdjudicate() throws ShftuException {
        return rules.mutualAidAdjudicate(adjudicate);
    }

    @Benchmark
    public String evaluateEnroll() throws ShftuException {
        return Shftu.evaluate(ENROLL);
    }

    @Benchmark
    public String evaluateAdjudicate() throws ShftuException {
        return Shftu.evaluate(ADJUDICATE);
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public List<String> evaluateManyMix() throws ShftuException {
        return Shftu.evaluateMany(batch);
    }
}
