package org.shftu.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A JMH-free throughput loop: evaluate (one boundary crossing per request) against evaluateMany (one
 * crossing per batch), on the spec/cases requests. Not a JUnit test (surefire does not pick it up); run
 * after {@code mvn test-compile}, see bindings/uniffi/README.md.
 */
public final class Throughput {
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<String> corpus = new ArrayList<>();
        for (ConformanceTest.Case c : ConformanceTest.cases()) {
            if (c.response() != null && c.response().path("ok").asBoolean()) {
                corpus.add(c.request());
            }
        }
        List<String> requests = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            requests.add(corpus.get(i % corpus.size()));
        }
        System.out.printf("%d distinct ok requests, batches of %d, %.1f s per measure%n", corpus.size(), batch, seconds);
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT
            long n = 0;
            long bytes = 0;
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                for (String r : requests) {
                    bytes += Shftu_rulesKt.evaluate(r).length();
                }
                n += requests.size();
            }
            double one = n / ((System.nanoTime() - t0) / 1e9);
            n = 0;
            t0 = System.nanoTime();
            end = t0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                for (String s : Shftu_rulesKt.evaluateMany(requests)) {
                    bytes += s.length();
                }
                n += requests.size();
            }
            double many = n / ((System.nanoTime() - t0) / 1e9);
            if (round == 1) {
                System.out.printf("evaluate:     %,10.0f requests/s%n", one);
                System.out.printf("evaluateMany: %,10.0f requests/s (batches of %d)%n", many, batch);
            }
            if (bytes == 42) {
                System.out.println();
            }
        }
    }
}
