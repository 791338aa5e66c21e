package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conformance vector of spec/cases through {@code evaluate}, compared with its recorded
 * {@code response} as JSON trees (key order and whitespace aside, the canonical JSON the Rust test
 * compares byte for byte). Money in requests is read as BigDecimal, never as a double, so the request
 * text the core sees keeps every digit. Cases without a {@code response} are skipped.
 */
class ConformanceTest {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static Path casesDir() {
        String dir = System.getProperty("shftu.spec.cases", "../../../spec/cases");
        return Paths.get(dir);
    }

    record Case(String file, String name, String request, JsonNode response) {}

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(casesDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode c : JSON.readTree(f.toFile())) {
                    JsonNode req = c.get("request");
                    // A textual request is a raw request line (e.g. one that is not JSON).
                    String text = req.isTextual() ? req.asText() : JSON.writeValueAsString(req);
                    out.add(new Case(f.getFileName().toString(), c.path("name").asText(), text, c.get("response")));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyVectorAnswersItsRecordedResponse() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + " / " + c.name(), () -> {
            Assumptions.assumeTrue(c.response() != null, "no recorded response");
            String actual = Shftu_rulesKt.evaluate(c.request());
            assertEquals(c.response(), JSON.readTree(actual), () -> "response of " + c.request());
        }));
    }

    @Test
    void theCorpusIsThere() throws IOException {
        List<Case> all = cases();
        assertTrue(all.size() > 100, "expected the spec/cases corpus, found " + all.size() + " cases");
        long files = all.stream().map(Case::file).distinct().count();
        assertTrue(files >= Shftu_rulesKt.ruleIds().size(), "a spec/cases file per rule");
    }

    @Test
    void evaluateManyAnswersLikeEvaluateInOrder() throws Exception {
        List<String> requests = cases().stream().map(Case::request).toList();
        List<String> many = Shftu_rulesKt.evaluateMany(requests);
        assertEquals(requests.size(), many.size());
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(Shftu_rulesKt.evaluate(requests.get(i)), many.get(i), requests.get(i));
        }
    }

    @Test
    void aBadRequestIsAnOkFalseResponseNotAnException() throws Exception {
        JsonNode r = JSON.readTree(Shftu_rulesKt.evaluate("{not json"));
        assertFalse(r.get("ok").asBoolean());
        assertEquals("invalid_json", r.at("/error/code").asText());
    }
}
