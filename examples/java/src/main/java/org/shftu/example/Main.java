package org.shftu.example;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.shftu.rules.Channel;
import org.shftu.rules.CheckupPackage;
import org.shftu.rules.EnrollInput;
import org.shftu.rules.Enrollment;
import org.shftu.rules.Industry;
import org.shftu.rules.Lang;
import org.shftu.rules.Quote;
import org.shftu.rules.QuoteInput;
import org.shftu.rules.QuoteLine;
import org.shftu.rules.Rules;
import org.shftu.rules.Shftu;
import org.shftu.rules.ShftuException;
import org.shftu.rules.Tier;
import org.shftu.rules.TraceStep;
import org.shftu.rules.TripInput;
import org.shftu.rules.TripKind;

/** The shftu-rules JAR from plain Java: the typed API, its traces and errors, Chinese, and the JSON wire contract. */
public final class Main {
    public static void main(String[] args) throws ShftuException {
        Rules rules = new Rules("2023");

        // A courier joins tier E through the district union's list in the concentrated window.
        Enrollment e = rules.mutualAidEnroll(new EnrollInput(
                Tier.E, Channel.GROUP, LocalDate.of(2023, 1, 15), Industry.COURIER, LocalDate.of(1985, 6, 1)));
        LocalDate start = e.getCoverageStart();
        BigDecimal fee = e.getFee();
        System.out.println("enrolled: " + e.getAccepted() + ", cover " + start + ".." + e.getCoverageEnd()
                + ", " + e.getMonths() + " months, fee " + fee + " (" + e.getFeeKind() + ")");
        // The result carries the trace of its own decision.
        for (TraceStep step : e.getTrace()) {
            System.out.println("  " + step.getClause() + ": " + step.getNote());
        }

        // A checkup quote: money is BigDecimal with two decimals, never a double. The plan's Chinese name of a
        // package is accepted as well as its code.
        Quote q = rules.checkupQuote(new QuoteInput(List.of(
                new QuoteLine(CheckupPackage.L1, 2L), new QuoteLine(CheckupPackage.of("心功能"), 1L))));
        BigDecimal payable = q.getTotal().getPayable();
        System.out.println("checkup: price " + q.getTotal().getPrice() + ", subsidy " + q.getTotal().getSubsidy()
                + ", payable " + payable);

        // Bad input is an exception naming the field, as the wire contract does; in Chinese from a Rules in Chinese.
        Rules zh = rules.withLang(Lang.ZH_CN);
        try {
            zh.loveShanghaiTripCheck(new TripInput(TripKind.ONE_DAY, 3L, new BigDecimal("900.001"), BigDecimal.ZERO));
            throw new AssertionError("a third decimal must be refused");
        } catch (ShftuException.InvalidInput bad) {
            System.out.println("refused: " + bad.getCode() + " at " + bad.getPath() + ": " + bad.getDetail());
        }

        // A clerk-ready explanation, in Chinese.
        System.out.println(zh.explain(zh.mutualAidEnroll(new EnrollInput(
                Tier.E, Channel.GROUP, LocalDate.of(2023, 1, 15), Industry.COURIER, LocalDate.of(1985, 6, 1)))));

        if (!e.getAccepted() || fee.compareTo(new BigDecimal("72.00")) != 0
                || payable.compareTo(new BigDecimal("410.00")) != 0 || e.getTrace().isEmpty()) {
            throw new AssertionError("unexpected answers");
        }

        // The JSON wire contract: the same bytes every binding answers.
        String response = Shftu.evaluate(
                "{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":\"2023-09-28\",\"days\":3}}");
        System.out.println("evaluate: " + response);
        if (!response.contains("\"date\":\"2023-10-09\"")) {
            throw new AssertionError("unexpected wire answer: " + response);
        }
        System.out.println("java example: ok");
    }
}
