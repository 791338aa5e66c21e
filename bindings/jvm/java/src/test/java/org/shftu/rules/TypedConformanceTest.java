package org.shftu.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every conformance vector of spec/cases through the typed API: the input's JSON is built into the generated
 * input class (by reflection, in the registry's field order), the typed method is called, and its result with
 * its trace ({@link RuleResult#toResponseJson()}) must be the recorded response — the zh-CN one too, through a
 * {@link Rules} in Chinese — or its exception must carry the recorded error's code and path. Vectors whose input
 * cannot be written as Java values (a string where a count goes, an impossible date) are left to the wire
 * tests. This checks that each typed method is wired to its rule, that inputs cross exactly and that results and
 * traces decode field by field.
 */
class TypedConformanceTest {
    /** The input cannot be built as Java values. */
    static final class NotJava extends Exception {
        private static final long serialVersionUID = 1L;

        NotJava(String why) {
            super(why, null, false, false);
        }
    }

    static final Map<String, JsonNode> INPUT_SHAPES = new LinkedHashMap<>();
    static final Map<String, JsonNode> OBJECT_SHAPES = new LinkedHashMap<>();

    static void index(JsonNode shape) {
        switch (shape.path("type").asText()) {
            case "object" -> {
                OBJECT_SHAPES.putIfAbsent(shape.get("name").asText(), shape);
                for (JsonNode f : shape.get("fields")) {
                    index(f.get("shape"));
                }
            }
            case "array" -> index(shape.get("items"));
            case "map" -> index(shape.get("values"));
            default -> {}
        }
    }

    static Method method(String function) {
        String name = lowerCamel(function);
        for (Method m : Rules.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new AssertionError("no typed method " + name);
    }

    static String lowerCamel(String s) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : s.toCharArray()) {
            if (c == '_' || c == '.') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** The JSON value as a Java value of type {@code t} (the generated class's parameter type). */
    static Object build(Type t, JsonNode v, JsonNode shape) throws NotJava {
        if (v == null || v.isNull()) {
            if (t instanceof Class<?> c && c.isPrimitive()) {
                throw new NotJava("null for a primitive");
            }
            return null;
        }
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == List.class) {
                if (!v.isArray()) {
                    throw new NotJava("not an array");
                }
                List<Object> out = new ArrayList<>();
                for (JsonNode e : v) {
                    out.add(build(p.getActualTypeArguments()[0], e, shape.get("items")));
                }
                return out;
            }
            if (raw == Map.class) {
                if (!v.isObject()) {
                    throw new NotJava("not an object");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), build(p.getActualTypeArguments()[1], e.getValue(), shape.get("values")));
                }
                return out;
            }
            throw new NotJava("type " + t);
        }
        Class<?> c = (Class<?>) t;
        if (c == BigDecimal.class) {
            if (!(v.isTextual() || v.isNumber())) {
                throw new NotJava("money");
            }
            try {
                return new BigDecimal(v.isTextual() ? v.asText() : v.decimalValue().toString());
            } catch (NumberFormatException e) {
                throw new NotJava("money text");
            }
        }
        if (c == LocalDate.class) {
            try {
                return LocalDate.parse(v.asText());
            } catch (RuntimeException e) {
                throw new NotJava("date");
            }
        }
        if (c == LocalDateTime.class) {
            try {
                return LocalDateTime.parse(v.asText());
            } catch (RuntimeException e) {
                throw new NotJava("date-time");
            }
        }
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
            if (!v.isIntegralNumber()) {
                throw new NotJava("a whole number");
            }
            BigInteger n = v.bigIntegerValue();
            try {
                return c == long.class || c == Long.class ? (Object) n.longValueExact() : (Object) n.intValueExact();
            } catch (ArithmeticException e) {
                throw new NotJava("out of range");
            }
        }
        if (c == boolean.class || c == Boolean.class) {
            if (!v.isBoolean()) {
                throw new NotJava("boolean");
            }
            return v.booleanValue();
        }
        if (c == String.class) {
            if (!v.isTextual()) {
                throw new NotJava("text");
            }
            return v.asText();
        }
        if (c.isEnum()) {
            if (!v.isTextual()) {
                throw new NotJava("code");
            }
            try {
                Optional<?> o = (Optional<?>) c.getMethod("find", String.class).invoke(null, v.asText());
                return o.orElseThrow(() -> new NotJava("unknown code"));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        // A generated class: its constructor of every field, in the shape's order.
        if (!v.isObject()) {
            throw new NotJava("not an object");
        }
        JsonNode fields = OBJECT_SHAPES.get(shape.get("name").asText()).get("fields");
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            boolean known = false;
            for (JsonNode f : fields) {
                known |= f.get("name").asText().equals(k);
            }
            if (!known) {
                throw new NotJava("unknown field " + k);
            }
        }
        Constructor<?> ctor = null;
        for (Constructor<?> k : c.getConstructors()) {
            if (k.getParameterCount() == fields.size()) {
                ctor = k;
            }
        }
        if (ctor == null) {
            throw new AssertionError("no constructor of every field for " + c);
        }
        Object[] args = new Object[fields.size()];
        Type[] types = ctor.getGenericParameterTypes();
        for (int i = 0; i < args.length; i++) {
            JsonNode f = fields.get(i);
            args[i] = build(types[i], v.get(f.get("name").asText()), f.get("shape"));
        }
        try {
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyVectorThroughItsTypedMethod() throws Exception {
        JsonNode describe = ConformanceTest.JSON.readTree(Shftu.describe());
        Map<String, String> functions = new LinkedHashMap<>();
        for (JsonNode r : describe.get("rules")) {
            INPUT_SHAPES.put(r.get("id").asText(), r.get("input"));
            functions.put(r.get("id").asText(), r.get("function").asText());
            index(r.get("input"));
        }
        Rules en = new Rules();
        Rules zh = en.withLang(Lang.ZH_CN);
        int checked = 0;
        int zhChecked = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        for (ConformanceTest.Case c : ConformanceTest.cases()) {
            JsonNode req = c.requestJson();
            if (!req.isObject() || !req.path("rule").isTextual() || !INPUT_SHAPES.containsKey(req.get("rule").asText())) {
                skipped++;
                continue;
            }
            boolean plain = true;
            for (Iterator<String> it = req.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                plain &= k.equals("rule") || k.equals("input") || k.equals("edition") && req.get(k).isTextual() && req.get(k).asText().equals("2023")
                        || k.equals("lang") && req.get(k).isTextual() || k.equals("trace") && req.get(k).isTextual();
            }
            String id = req.get("rule").asText();
            Method m = method(functions.get(id));
            Object input;
            try {
                if (!plain || !req.has("input")) {
                    throw new NotJava("envelope");
                }
                input = build(m.getParameterTypes()[0], req.get("input"), INPUT_SHAPES.get(id));
            } catch (NotJava e) {
                skipped++;
                continue;
            }
            Rules rules = en;
            if (req.has("lang")) {
                Optional<Lang> l = java.util.Arrays.stream(Lang.values()).filter(x -> x.tag().equals(req.get("lang").asText())).findFirst();
                if (l.isEmpty()) {
                    skipped++;
                    continue;
                }
                rules = rules.withLang(l.get());
            }
            if (req.has("trace")) {
                Optional<TraceMode> t = java.util.Arrays.stream(TraceMode.values()).filter(x -> x.tag().equals(req.get("trace").asText())).findFirst();
                if (t.isEmpty()) {
                    skipped++;
                    continue;
                }
                rules = rules.withTrace(t.get());
            }
            String name = c.file() + " / " + c.name();
            checked++;
            String got = typed(rules, m, input);
            String want = ConformanceTest.canon(c.response());
            if (!sameAnswer(got, want)) {
                failures.add(name + ":\n    typed    " + got + "\n    recorded " + want);
            }
            if (c.responseZh() != null && !req.has("lang")) {
                zhChecked++;
                String gotZh = typed(zh.withTrace(rules.traceMode()), m, input);
                String wantZh = ConformanceTest.canon(c.responseZh());
                if (!sameAnswer(gotZh, wantZh)) {
                    failures.add(name + " (zh-CN):\n    typed    " + gotZh + "\n    recorded " + wantZh);
                }
            }
        }
        System.out.printf("TypedConformanceTest: %d vectors through the typed API (%d in zh-CN), %d left to the wire tests%n",
                checked, zhChecked, skipped);
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " vectors differ");
        assertTrue(checked > 250, "only " + checked + " vectors went through the typed API");
    }

    /** The typed answer as canonical JSON: the whole response, or {@code error: code at path}. */
    static String typed(Rules rules, Method m, Object input) throws Exception {
        try {
            RuleResult r = (RuleResult) m.invoke(rules, input);
            return ConformanceTest.canon(r.toResponseJson());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ShftuException x) {
                return "error " + x.getCode() + " at " + x.getPath();
            }
            throw e;
        }
    }

    static boolean sameAnswer(String got, String recorded) throws Exception {
        if (got.startsWith("error ")) {
            JsonNode r = ConformanceTest.JSON.readTree(recorded);
            return !r.path("ok").asBoolean(true)
                    && got.equals("error " + r.at("/error/code").asText() + " at " + (r.at("/error/path").isNull() ? null : r.at("/error/path").asText()));
        }
        return got.equals(recorded);
    }
}
