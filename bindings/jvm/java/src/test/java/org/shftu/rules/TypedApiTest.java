package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The typed API as a Java caller sees it: records in, records out, money as BigDecimal (scale 2, never a
 * double), dates as LocalDate, each result with its own trace, errors as ShftuException subclasses with code,
 * path and a message in the Rules' language.
 */
class TypedApiTest {
    static final Rules RULES = new Rules();

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void enrollGivesLocalDatesABigDecimalFeeAndItsTrace() throws Exception {
        Enrollment e = RULES.mutualAidEnroll(new EnrollInput(Tier.E, Channel.GROUP, d("2023-01-15"), Industry.COURIER, d("1985-06-01")));
        assertTrue(e.getAccepted());
        assertEquals(List.of(), e.getReasons());
        assertEquals(LocalDate.of(2023, 1, 1), e.getCoverageStart());
        assertEquals(LocalDate.of(2023, 12, 31), e.getCoverageEnd());
        assertEquals(12L, e.getMonths());
        assertEquals(new BigDecimal("72.00"), e.getFee());
        assertEquals(2, e.getFee().scale());
        assertEquals(FeeKind.PREMIUM, e.getFeeKind());
        assertFalse(e.getTrace().isEmpty(), "the trace of the call");
        assertEquals("mutual_aid.enroll", e.getRuleId());
        assertEquals("2023", e.getEdition());
        assertEquals(Lang.EN, e.getLang());
        // The result as JSON is the wire contract's result, and its response explains.
        String wire = Shftu.evaluate("{\"rule\":\"mutual_aid.enroll\",\"input\":{\"tier\":\"E\",\"channel\":\"group\","
                + "\"date\":\"2023-01-15\",\"industry\":\"courier\",\"birth_date\":\"1985-06-01\"}}");
        assertEquals(ConformanceTest.canon(wire), ConformanceTest.canon(e.toResponseJson()));
        assertTrue(RULES.explain(e).contains("72"), RULES.explain(e));
    }

    @Test
    void theOldConstructorWithEveryFieldStillCompiles() throws ShftuException {
        Enrollment e = RULES.mutualAidEnroll(new EnrollInput(
                Tier.E, Channel.GROUP, d("2023-01-15"), Industry.COURIER, d("1985-06-01"), false, false));
        assertTrue(e.getAccepted());
    }

    @Test
    void aBusinessNoIsAResultWithReasons() throws ShftuException {
        Enrollment e = RULES.mutualAidEnroll(new EnrollInput(
                Tier.D, Channel.INDIVIDUAL, d("2023-03-10"), Industry.COURIER, d("1985-06-01"), true, false));
        assertFalse(e.getAccepted());
        assertEquals(List.of(MutualAidReason.TIER_NOT_OFFERED), e.getReasons());
        assertNull(e.getFee());
    }

    @Test
    void adjudicateSharesTheCapAcrossAnUpgrade() throws ShftuException {
        Adjudication a = RULES.mutualAidAdjudicate(new AdjudicateInput(
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
        Quote q = RULES.checkupQuote(new QuoteInput(List.of(new QuoteLine(CheckupPackage.L1, 2L), new QuoteLine(CheckupPackage.CARDIO, 1L))));
        assertEquals(new BigDecimal("820.00"), q.getTotal().getPrice());
        assertEquals(new BigDecimal("410.00"), q.getTotal().getSubsidy());
        assertEquals(new BigDecimal("155.00"), q.getLines().get(0).getUnitPayable());
    }

    @Test
    void chineseNamesOfCodesAreAccepted() throws Exception {
        assertEquals(CheckupPackage.CARDIO, CheckupPackage.of("心功能"));
        assertEquals(CheckupPackage.CARDIO, CheckupPackage.of("cardio"));
        assertEquals(PackageKind.SPECIAL, PackageKind.of("专项"));
        assertTrue(CheckupPackage.find("L9").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CheckupPackage.of("L9"));
        assertFalse(CheckupPackage.CARDIO.label(Lang.ZH_CN).isEmpty());
        // The wire contract reads the plan's words too, and answers with the code.
        String r = Shftu.evaluate("{\"rule\":\"checkup.quote\",\"lang\":\"zh-CN\",\"input\":{\"lines\":[{\"package\":\"心功能\",\"count\":2}]}}");
        assertTrue(r.startsWith("{\"ok\":true"), r);
        assertTrue(r.contains("\"package\":\"cardio\""), r);
    }

    @Test
    void rulesInChineseAnswerNotesAndErrorsInChinese() throws Exception {
        Rules zh = new Rules("2023", Lang.ZH_CN);
        assertEquals(Lang.ZH_CN, zh.lang());
        Enrollment e = zh.mutualAidEnroll(new EnrollInput(Tier.E, Channel.GROUP, d("2023-01-15"), Industry.COURIER, d("1985-06-01")));
        Enrollment en = RULES.mutualAidEnroll(new EnrollInput(Tier.E, Channel.GROUP, d("2023-01-15"), Industry.COURIER, d("1985-06-01")));
        assertEquals(en.getFee(), e.getFee());
        assertNotEquals(en.getTrace(), e.getTrace());
        assertTrue(e.getTrace().stream().anyMatch(s -> s.getClause().contains("沪工总办")), e.getTrace().toString());
        assertEquals(Lang.ZH_CN, e.getLang());
        ShftuException.InvalidInput bad = assertThrows(ShftuException.InvalidInput.class, () -> zh.loveShanghaiTripCheck(
                new TripInput(TripKind.ONE_DAY, 1L, new BigDecimal("100.005"), BigDecimal.ZERO)));
        assertEquals("input.total_cost", bad.getPath());
        assertTrue(bad.getDetail().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), bad.getDetail());
        assertTrue(zh.explain(e).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        // withLang gives a copy; the original is unchanged.
        assertEquals(Lang.EN, RULES.lang());
        assertEquals(Lang.ZH_CN, RULES.withLang(Lang.ZH_CN).lang());
    }

    @Test
    void traceModes() throws Exception {
        EnrollInput in = new EnrollInput(Tier.E, Channel.GROUP, d("2023-01-15"), Industry.COURIER, d("1985-06-01"));
        assertEquals(List.of(), RULES.withTrace(TraceMode.OFF).mutualAidEnroll(in).getTrace());
        Enrollment fullResult = RULES.withTrace(TraceMode.FULL).mutualAidEnroll(in);
        List<TraceStep> full = fullResult.getTrace();
        assertTrue(full.stream().allMatch(s -> s.getCode() != null), full.toString());
        // The full trace (codes and the parameters each step read) is the wire contract's.
        String wire = Shftu.evaluate("{\"rule\":\"mutual_aid.enroll\",\"trace\":\"full\",\"input\":{\"tier\":\"E\",\"channel\":\"group\","
                + "\"date\":\"2023-01-15\",\"industry\":\"courier\",\"birth_date\":\"1985-06-01\"}}");
        assertEquals(ConformanceTest.canon(wire), ConformanceTest.canon(fullResult.toResponseJson()));
        List<TraceStep> notes = RULES.mutualAidEnroll(in).getTrace();
        assertTrue(notes.stream().allMatch(s -> s.getCode() == null && s.getParams().isEmpty()));
    }

    @Test
    void moneyGoesInAsBigDecimalExactly() throws ShftuException {
        TripCheck ok = RULES.loveShanghaiTripCheck(new TripInput(TripKind.TWO_DAY, 10L, new BigDecimal("8000.00"), new BigDecimal("3200.00")));
        assertTrue(ok.getCompliant());
        TripCheck over = RULES.loveShanghaiTripCheck(new TripInput(TripKind.TWO_DAY, 10L, new BigDecimal("8000"), new BigDecimal("3200.01")));
        assertEquals(List.of(Violation.MEAL_SHARE_EXCEEDED), over.getViolations());
        assertEquals(new BigDecimal("3200.00"), over.getMaxMealCost());
    }

    @Test
    void claimDeadlineMovesOffARestDay() throws ShftuException {
        ClaimDeadline c = RULES.mutualAidClaimDeadline(new ClaimDeadlineInput(Benefit.DISEASE_DEATH, d("2023-12-31"), null));
        assertEquals(LocalDate.of(2024, 7, 1), c.getLastDay());
        assertEquals(DeadlineBasis.COVERAGE_END, c.getBasis());
        assertEquals("P6M", c.getPeriod());
    }

    @Test
    void scoreTakesAMapOfPoints() throws ShftuException {
        Score s = RULES.laborRelationsScore(new ScoreInput(Map.of()));
        assertEquals(Grade.NON_COMPLIANT, s.getGrade());
        assertEquals(0, s.getTotal());
    }

    @Test
    void applicationCheckTakesALocalDateTime() throws ShftuException {
        ApplicationCheck a = RULES.healthPointApplicationCheck(new ApplicationCheckInput(LocalDateTime.of(2023, 2, 6, 15, 59, 59), 1L, 3L, List.of()));
        assertTrue(a.getOnTime());
        ApplicationCheck late = RULES.healthPointApplicationCheck(new ApplicationCheckInput(LocalDateTime.of(2023, 2, 6, 16, 0), 1L, 3L, List.of()));
        assertFalse(late.getOnTime());
        assertEquals(LocalDateTime.of(2023, 2, 6, 16, 0), a.getDeadline());
    }

    @Test
    void aThirdDecimalIsInvalidInputWithThePath() {
        ShftuException e = assertThrows(ShftuException.class, () -> RULES.loveShanghaiTripCheck(
                new TripInput(TripKind.ONE_DAY, 1L, new BigDecimal("100.005"), BigDecimal.ZERO)));
        ShftuException.InvalidInput ii = assertInstanceOf(ShftuException.InvalidInput.class, e);
        assertEquals("invalid_input", ii.getCode());
        assertEquals("input.total_cost", ii.getPath());
        assertTrue(ii.getDetail().contains("more than two decimals"), ii.getDetail());
    }

    @Test
    void aNegativeAmountAndANegativeCountAreInvalidInput() {
        ShftuException.InvalidInput neg = assertThrows(ShftuException.InvalidInput.class, () -> RULES.loveShanghaiGoodsCheck(
                new GoodsInput(new BigDecimal("-1.00"), BigDecimal.ONE)));
        assertEquals("input.spent_per_person", neg.getPath());
        ShftuException.InvalidInput count = assertThrows(ShftuException.InvalidInput.class, () -> RULES.checkupQuote(
                new QuoteInput(List.of(new QuoteLine(CheckupPackage.L1, 1L), new QuoteLine(CheckupPackage.L2, -3L)))));
        assertEquals("input.lines[1].count", count.getPath());
    }

    @Test
    void pathsReachIntoNestedRecords() {
        ShftuException.InvalidInput e = assertThrows(ShftuException.InvalidInput.class, () -> RULES.mutualAidAdjudicate(
                new AdjudicateInput(
                        new Policy(Tier.E, d("2023-01-01"), d("2023-12-31"), List.of()),
                        List.of(
                                new Claim(Benefit.HOSPITAL_DAYS, d("2023-03-01"), d("2023-04-01"), 3L, null, null),
                                new Claim(Benefit.CI_MEDICAL_SUBSIDY, d("2023-03-01"), d("2023-04-01"), null, null, new BigDecimal("0.001"))))));
        assertEquals("input.claims[1].amount", e.getPath());
    }

    @Test
    void aDateOutsideTheCalendarIsCalendarUnavailable() {
        ShftuException e = assertThrows(ShftuException.class, () -> RULES.calendarAddWorkingDays(new AddWorkingDaysInput(d("2025-12-20"), 30L)));
        ShftuException.CalendarUnavailable c = assertInstanceOf(ShftuException.CalendarUnavailable.class, e);
        assertEquals("calendar_unavailable", c.getCode());
        assertEquals("input.days", c.getPath());
    }

    @Test
    void anUnknownEditionIsUnknownEdition() {
        ShftuException.UnknownEdition e = assertThrows(ShftuException.UnknownEdition.class, () -> new Rules("1999"));
        assertEquals("unknown_edition", e.getCode());
        assertEquals("edition", e.getPath());
        ShftuException.UnknownEdition zh = assertThrows(ShftuException.UnknownEdition.class, () -> new Rules("1999", Lang.ZH_CN));
        assertNotEquals(e.getDetail(), zh.getDetail());
    }

    @Test
    void aRustPanicIsShftuExceptionInternal() {
        ShftuException.Internal e = assertThrows(ShftuException.Internal.class, () -> Native.okText(Native.panicForTest()));
        assertEquals("internal_error", e.getCode());
        assertNull(e.getPath());
        assertTrue(e.getDetail().contains("on purpose"), e.getDetail());
        assertEquals(List.of("2023"), Shftu.editions());
    }

    @Test
    void everyRuleHasATypedMethodAndTheHookIsNotPublic() throws Exception {
        Set<String> methods = new HashSet<>();
        for (Method m : Rules.class.getMethods()) {
            methods.add(m.getName());
        }
        for (String id : Shftu.ruleIds()) {
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
            Method m = Rules.class.getMethod(name.toString(), Rules.class.getMethod(name.toString(),
                    findParam(name.toString())).getParameterTypes());
            assertTrue(List.of(m.getExceptionTypes()).contains(ShftuException.class), m + " declares ShftuException");
        }
        // The native entry points, the codec and the test hook are not public.
        assertFalse(Modifier.isPublic(Native.class.getModifiers()));
        assertFalse(Modifier.isPublic(Codec.class.getModifiers()));
        assertFalse(Modifier.isPublic(Wire.class.getModifiers()));
        assertEquals(Shftu.ruleIds().size(), Shftu.describe().split("\"function\"").length - 1);
    }

    static Class<?> findParam(String method) {
        for (Method m : Rules.class.getMethods()) {
            if (m.getName().equals(method)) {
                return m.getParameterTypes()[0];
            }
        }
        throw new AssertionError(method);
    }
}
