package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The typed API as a Java caller sees it: records in, records out, money as BigDecimal (scale 2, never
 * a double), dates as LocalDate, and errors as ShftuException subclasses with code, path and detail.
 */
class TypedApiTest {
    static Rules rules;

    @BeforeAll
    static void open() throws ShftuException {
        rules = new Rules("2023");
    }

    @AfterAll
    static void close() {
        rules.close();
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void enrollGivesLocalDatesAndABigDecimalFee() throws ShftuException {
        Enrollment e = rules.mutualAidEnroll(new EnrollInput(
                Tier.E, Channel.GROUP, d("2023-01-15"), Industry.COURIER, d("1985-06-01"), false, false));
        assertTrue(e.getAccepted());
        assertEquals(List.of(), e.getReasons());
        LocalDate start = e.getCoverageStart();
        assertEquals(LocalDate.of(2023, 1, 1), start);
        assertEquals(LocalDate.of(2023, 12, 31), e.getCoverageEnd());
        assertEquals(12L, e.getMonths());
        BigDecimal fee = e.getFee();
        assertEquals(new BigDecimal("72.00"), fee);
        assertEquals(2, fee.scale());
        assertEquals(FeeKind.PREMIUM, e.getFeeKind());
        assertFalse(rules.lastTrace().isEmpty(), "the trace of the call");
    }

    @Test
    void aBusinessNoIsAResultWithReasons() throws ShftuException {
        Enrollment e = rules.mutualAidEnroll(new EnrollInput(
                Tier.D, Channel.INDIVIDUAL, d("2023-03-10"), Industry.COURIER, d("1985-06-01"), true, false));
        assertFalse(e.getAccepted());
        assertEquals(List.of(MutualAidReason.TIER_NOT_OFFERED), e.getReasons());
        assertNull(e.getFee());
    }

    @Test
    void adjudicateSharesTheCapAcrossAnUpgrade() throws ShftuException {
        Adjudication a = rules.mutualAidAdjudicate(new AdjudicateInput(
                new Policy(Tier.D, d("2023-01-01"), d("2023-12-31"), List.of(new TierChange(Tier.E, d("2023-06-01")))),
                List.of(
                        new Claim(Benefit.HOSPITAL_DAYS, d("2023-03-01"), d("2023-04-01"), 150L, null, null),
                        new Claim(Benefit.HOSPITAL_DAYS, d("2023-07-01"), d("2023-08-01"), 40L, null, null))));
        assertEquals(new BigDecimal("18000.00"), a.getTotalPayable());
        ClaimDecision second = a.getDecisions().get(1);
        assertEquals(ClaimStatus.PARTIALLY_PAID, second.getStatus());
        assertEquals(new BigDecimal("9000.00"), second.getPayable());
        assertEquals(List.of(MutualAidReason.BENEFIT_CAP_REACHED), second.getReasons());
    }

    @Test
    void checkupQuoteInBigDecimal() throws ShftuException {
        Quote q = rules.checkupQuote(new QuoteInput(List.of(new QuoteLine(Package.L1, 2L), new QuoteLine(Package.CARDIO, 1L))));
        assertEquals(new BigDecimal("820.00"), q.getTotal().getPrice());
        assertEquals(new BigDecimal("410.00"), q.getTotal().getSubsidy());
        assertEquals(new BigDecimal("155.00"), q.getLines().get(0).getUnitPayable());
    }

    @Test
    void moneyGoesInAsBigDecimalExactly() throws ShftuException {
        TripCheck ok = rules.loveShanghaiTripCheck(
                new TripInput(TripKind.TWO_DAY, 10L, new BigDecimal("8000.00"), new BigDecimal("3200.00")));
        assertTrue(ok.getCompliant());
        TripCheck over = rules.loveShanghaiTripCheck(
                new TripInput(TripKind.TWO_DAY, 10L, new BigDecimal("8000"), new BigDecimal("3200.01")));
        assertEquals(List.of(Violation.MEAL_SHARE_EXCEEDED), over.getViolations());
        assertEquals(new BigDecimal("3200.00"), over.getMaxMealCost());
    }

    @Test
    void claimDeadlineMovesOffARestDay() throws ShftuException {
        ClaimDeadline c = rules.mutualAidClaimDeadline(new ClaimDeadlineInput(Benefit.DISEASE_DEATH, d("2023-12-31"), null));
        assertEquals(LocalDate.of(2024, 7, 1), c.getLastDay());
        assertEquals(DeadlineBasis.COVERAGE_END, c.getBasis());
        assertEquals("P6M", c.getPeriod());
    }

    @Test
    void scoreTakesAMapOfPoints() throws ShftuException {
        Score s = rules.laborRelationsScore(new ScoreInput(Map.of()));
        assertEquals(Grade.NON_COMPLIANT, s.getGrade());
        assertEquals(0, s.getTotal());
    }

    @Test
    void applicationCheckTakesALocalDateTime() throws ShftuException {
        ApplicationCheck a = rules.healthPointApplicationCheck(
                new ApplicationCheckInput(LocalDateTime.of(2023, 2, 6, 15, 59, 59), 1L, 3L, List.of()));
        assertTrue(a.getOnTime());
        ApplicationCheck late = rules.healthPointApplicationCheck(
                new ApplicationCheckInput(LocalDateTime.of(2023, 2, 6, 16, 0), 1L, 3L, List.of()));
        assertFalse(late.getOnTime());
        assertEquals(LocalDateTime.of(2023, 2, 6, 16, 0), a.getDeadline());
    }

    @Test
    void aThirdDecimalIsInvalidInputWithThePath() {
        ShftuException e = assertThrows(ShftuException.class, () -> rules.loveShanghaiTripCheck(
                new TripInput(TripKind.ONE_DAY, 1L, new BigDecimal("100.005"), BigDecimal.ZERO)));
        ShftuException.InvalidInput ii = assertInstanceOf(ShftuException.InvalidInput.class, e);
        assertEquals("invalid_input", ii.getCode());
        assertEquals("input.total_cost", ii.getPath());
        assertTrue(ii.getDetail().contains("more than two decimals"), ii.getDetail());
    }

    @Test
    void aNegativeAmountAndANegativeCountAreInvalidInput() {
        ShftuException.InvalidInput neg = assertThrows(ShftuException.InvalidInput.class, () -> rules.loveShanghaiGoodsCheck(
                new GoodsInput(new BigDecimal("-1.00"), BigDecimal.ONE)));
        assertEquals("input.spent_per_person", neg.getPath());
        ShftuException.InvalidInput count = assertThrows(ShftuException.InvalidInput.class, () -> rules.checkupQuote(
                new QuoteInput(List.of(new QuoteLine(Package.L1, 1L), new QuoteLine(Package.L2, -3L)))));
        assertEquals("input.lines[1].count", count.getPath());
    }

    @Test
    void pathsReachIntoNestedRecords() {
        ShftuException.InvalidInput e = assertThrows(ShftuException.InvalidInput.class, () -> rules.mutualAidAdjudicate(
                new AdjudicateInput(
                        new Policy(Tier.E, d("2023-01-01"), d("2023-12-31"), List.of()),
                        List.of(
                                new Claim(Benefit.HOSPITAL_DAYS, d("2023-03-01"), d("2023-04-01"), 3L, null, null),
                                new Claim(Benefit.CI_MEDICAL_SUBSIDY, d("2023-03-01"), d("2023-04-01"), null, null,
                                        new BigDecimal("0.001"))))));
        assertEquals("input.claims[1].amount", e.getPath());
    }

    @Test
    void aDateOutsideTheCalendarIsCalendarUnavailable() {
        ShftuException e = assertThrows(ShftuException.class, () -> rules.calendarAddWorkingDays(
                new AddWorkingDaysInput(d("2031-01-05"), 3L)));
        ShftuException.CalendarUnavailable c = assertInstanceOf(ShftuException.CalendarUnavailable.class, e);
        assertEquals("calendar_unavailable", c.getCode());
        assertEquals("input.days", c.getPath());
    }

    @Test
    void anUnknownEditionIsUnknownEdition() {
        ShftuException.UnknownEdition e = assertThrows(ShftuException.UnknownEdition.class, () -> new Rules("1999"));
        assertEquals("unknown_edition", e.getCode());
        assertEquals("edition", e.getPath());
    }

    @Test
    void aRustPanicIsShftuExceptionInternal() {
        ShftuException.Internal e = assertThrows(ShftuException.Internal.class, Shftu_rulesKt::panicForTest);
        assertEquals("internal_error", e.getCode());
        assertNull(e.getPath());
        assertTrue(e.getDetail().contains("on purpose"), e.getDetail());
        // The library still answers afterwards.
        assertEquals(List.of("2023"), Shftu_rulesKt.editions());
    }

    @Test
    void everyRuleHasATypedMethod() {
        // The Rust test every_rule_has_a_typed_method checks the list against the core; here the ids and
        // the Java methods agree: rule "a_b.c_d" is method "aB" + "CD" in camel case.
        java.util.Set<String> methods = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : Rules.class.getMethods()) {
            methods.add(m.getName());
        }
        for (String id : Shftu_rulesKt.ruleIds()) {
            StringBuilder name = new StringBuilder();
            boolean up = false;
            for (char ch : id.toCharArray()) {
                if (ch == '.' || ch == '_') {
                    up = true;
                } else {
                    name.append(up ? Character.toUpperCase(ch) : ch);
                    up = false;
                }
            }
            assertTrue(methods.contains(name.toString()), "Rules has no typed method for " + id + " (" + name + ")");
        }
    }
}
