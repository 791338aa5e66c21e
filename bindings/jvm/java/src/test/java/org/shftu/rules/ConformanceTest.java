package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conformance vector of spec/cases through {@link Shftu#evaluate}: the response must be the recorded
 * {@code response} byte for byte as canonical JSON (sorted keys, compact), and when the case records a
 * {@code response_zh-CN}, the request with {@code "lang": "zh-CN"} added must answer that. Money in requests is
 * read as BigDecimal, never as a double, so the request text the core sees keeps every digit.
 */
class ConformanceTest {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static Path casesDir() {
        return Paths.get(System.getProperty("shftu.spec.cases", "../../../spec/cases"));
    }

    /** One vector: the request's text, the recorded responses (zh-CN may be null), and the request as JSON. */
    record Case(String file, String name, String request, JsonNode requestJson, JsonNode response, JsonNode responseZh) {}

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(casesDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode c : JSON.readTree(f.toFile())) {
                    JsonNode req = c.get("request");
                    if (c.get("response") == null) {
                        continue;
                    }
                    // A textual request is a raw request line (e.g. one that is not JSON).
                    String text = req.isTextual() ? req.asText() : JSON.writeValueAsString(req);
                    out.add(new Case(f.getFileName().toString(), c.path("name").asText(), text, req, c.get("response"),
                            c.get("response_zh-CN")));
                }
            }
        }
        return out;
    }

    /** Canonical JSON: sorted keys, compact, exact numbers. */
    static String canon(JsonNode n) throws IOException {
        Object plain = JSON.treeToValue(n, Object.class);
        return JSON.writeValueAsString(plain);
    }

    static String canon(String text) throws IOException {
        return canon(JSON.readTree(text));
    }

    @TestFactory
    Stream<DynamicTest> everyVectorAnswersItsRecordedResponse() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + " / " + c.name(), () -> {
            assertEquals(canon(c.response()), canon(Shftu.evaluate(c.request())), () -> "response of " + c.request());
            if (c.responseZh() != null && c.requestJson().isObject()) {
                ObjectNode zh = ((ObjectNode) c.requestJson()).deepCopy();
                zh.put("lang", "zh-CN");
                assertEquals(canon(c.responseZh()), canon(Shftu.evaluate(JSON.writeValueAsString(zh))),
                        () -> "zh-CN response of " + c.request());
            }
        }));
    }

    @Test
    void theCorpusIsThere() throws IOException {
        List<Case> all = cases();
        assertTrue(all.size() > 300, "expected the spec/cases corpus, found " + all.size() + " cases");
        long files = all.stream().map(Case::file).distinct().count();
        assertTrue(files >= Shftu.ruleIds().size(), "a spec/cases file per rule");
    }

    @Test
    void evaluateManyAnswersLikeEvaluateInOrder() throws Exception {
        List<String> requests = cases().stream().map(Case::request).toList();
        List<String> many = Shftu.evaluateMany(requests);
        assertEquals(requests.size(), many.size());
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(Shftu.evaluate(requests.get(i)), many.get(i), requests.get(i));
        }
    }

    @Test
    void aBadRequestIsAnOkFalseResponseNotAnException() throws Exception {
        JsonNode r = JSON.readTree(Shftu.evaluate("{not json"));
        assertFalse(r.get("ok").asBoolean());
        assertEquals("invalid_json", r.at("/error/code").asText());
    }
}
