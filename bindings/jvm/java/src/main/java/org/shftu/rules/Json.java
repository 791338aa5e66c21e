package org.shftu.rules;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;

/** Writes values as the wire contract's JSON, for the generated {@code toJson()} (internal). */
final class Json {
    private Json() {}

    /** Writes a value of type {@code T}. */
    @FunctionalInterface
    interface Put<T> {
        void put(StringBuilder sb, T v);
    }

    static <T> void put(StringBuilder sb, T v, Put<T> put) {
        if (v == null) {
            sb.append("null");
        } else {
            put.put(sb, v);
        }
    }

    static void money(StringBuilder sb, BigDecimal v) {
        sb.append('"').append(v.toPlainString()).append('"');
    }

    static void temporal(StringBuilder sb, TemporalAccessor v) {
        str(sb, v.toString());
    }

    static void number(StringBuilder sb, Object v) {
        sb.append(v);
    }

    static void code(StringBuilder sb, Enum<?> v) {
        str(sb, v.toString());
    }

    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static <T> void list(StringBuilder sb, List<T> l, Put<T> put) {
        sb.append('[');
        boolean first = true;
        for (T v : l) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            put(sb, v, put);
        }
        sb.append(']');
    }

    static <V> void map(StringBuilder sb, Map<String, V> m, Put<V> put) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, V> e : m.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            str(sb, e.getKey());
            sb.append(':');
            put(sb, e.getValue(), put);
        }
        sb.append('}');
    }

    /** A value decoded generically (a trace parameter's value). */
    static void any(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            str(sb, s);
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                any(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                str(sb, String.valueOf(e.getKey()));
                sb.append(':');
                any(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else {
            sb.append(v);
        }
    }
}
