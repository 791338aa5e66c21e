package org.shftu.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact bytes a typed call crosses the boundary with (internal: not part of the API): a tree of
 * tagged values, little-endian, the same table as {@code bindings/jvm/src/tree.rs}. {@link Writer} writes a
 * rule's input (the generated encoders in {@code Codec}); {@link Reader} reads a rule's answer (the generated
 * decoders).
 */
final class Wire {
    private Wire() {}

    static final byte NULL = 0;
    static final byte FALSE = 1;
    static final byte TRUE = 2;
    static final byte INT = 3;
    static final byte STR = 4;
    static final byte ARR = 5;
    static final byte OBJ = 6;
    static final byte DATE = 7;
    static final byte DEC = 8;
    static final byte ELIDED = 9;
    static final byte NULL_KEY = 10;
    static final byte NUM = 11;

    /** Writes a value of type {@code T}. */
    @FunctionalInterface
    interface Enc<T> {
        void write(Writer w, T v);
    }

    /** Reads a value of type {@code T}. */
    @FunctionalInterface
    interface Dec<T> {
        T read(Reader r);
    }

    /** An unmodifiable copy of a list (null stays null: the library reports it at its path). */
    static <T> List<T> copyList(List<T> l) {
        if (l == null) {
            return null;
        }
        return Collections.unmodifiableList(new ArrayList<>(l));
    }

    /** An unmodifiable copy of a map, in its iteration order (null stays null). */
    static <V> Map<String, V> copyMap(Map<String, V> m) {
        if (m == null) {
            return null;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    // ---------------------------------------------------------------------------------------------

    /** Writes a tree into a growing buffer. */
    static final class Writer {
        byte[] buf;
        int pos;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }

        private void room(int n) {
            if (buf.length - pos < n) {
                long want = Math.max((long) buf.length * 2, (long) pos + n);
                if (want > Integer.MAX_VALUE - 16) {
                    if ((long) pos + n > Integer.MAX_VALUE - 16) {
                        throw new OutOfMemoryError("a typed input of more than 2 GiB");
                    }
                    want = Integer.MAX_VALUE - 16;
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        private void u32(int v) {
            buf[pos] = (byte) v;
            buf[pos + 1] = (byte) (v >>> 8);
            buf[pos + 2] = (byte) (v >>> 16);
            buf[pos + 3] = (byte) (v >>> 24);
            pos += 4;
        }

        void tag(byte t) {
            room(1);
            buf[pos++] = t;
        }

        void nul() {
            tag(NULL);
        }

        /** An object of {@code n} members (each written as {@link #key} and a value). */
        void object(int n) {
            room(5);
            buf[pos++] = OBJ;
            u32(n);
        }

        /** A member's key (its UTF-8 bytes). */
        void key(byte[] utf8) {
            room(5 + utf8.length);
            buf[pos++] = STR;
            u32(utf8.length);
            System.arraycopy(utf8, 0, buf, pos, utf8.length);
            pos += utf8.length;
        }

        void bool(boolean v) {
            tag(v ? TRUE : FALSE);
        }

        void bool(Boolean v) {
            if (v == null) {
                nul();
            } else {
                bool(v.booleanValue());
            }
        }

        void int64(long v) {
            room(9);
            buf[pos++] = INT;
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void int64(Long v) {
            if (v == null) {
                nul();
            } else {
                int64(v.longValue());
            }
        }

        void int32(int v) {
            int64(v);
        }

        void int32(Integer v) {
            if (v == null) {
                nul();
            } else {
                int64(v.longValue());
            }
        }

        /**
         * Text as UTF-8. A lone surrogate (invalid UTF-16) is written as U+FFFD, so the library refuses
         * the field at its path (every text of an input is a code or a date) and never reads it silently.
         */
        void str(String s) {
            if (s == null) {
                nul();
                return;
            }
            int n = s.length();
            room(5 + n);
            buf[pos++] = STR;
            int lenAt = pos;
            pos += 4;
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buf[pos++] = (byte) c;
            }
            if (i < n) {
                byte[] rest = Utf8.encode(s, i);
                room(rest.length);
                System.arraycopy(rest, 0, buf, pos, rest.length);
                pos += rest.length;
            }
            int len = pos - lenAt - 4;
            buf[lenAt] = (byte) len;
            buf[lenAt + 1] = (byte) (len >>> 8);
            buf[lenAt + 2] = (byte) (len >>> 16);
            buf[lenAt + 3] = (byte) (len >>> 24);
        }

        private void ascii(byte tag, String s) {
            int n = s.length();
            room(5 + n);
            buf[pos++] = tag;
            u32(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        /**
         * An exact decimal: its plain text, or its scientific notation when the plain text would be
         * runaway long (a scale beyond ±1000, such as {@code new BigDecimal("1e-1000000000")}, 13 characters but
         * a billion digits plain), which the library's money reader refuses at the field's path at once.
         */
        void money(BigDecimal v) {
            if (v == null) {
                nul();
                return;
            }
            int scale = v.scale();
            String text = scale > 1000 || (scale < -1000 && v.signum() != 0) ? v.toString() : v.toPlainString();
            ascii(DEC, text);
        }

        /** A date; one the library's calendar type cannot hold goes as its ISO text, refused at its path. */
        void date(LocalDate d) {
            if (d == null) {
                nul();
                return;
            }
            int y = d.getYear();
            if (y < 1 || y > 9999) {
                str(d.toString());
                return;
            }
            room(7);
            buf[pos++] = DATE;
            u32(y);
            buf[pos++] = (byte) d.getMonthValue();
            buf[pos++] = (byte) d.getDayOfMonth();
        }

        /** A date and time, as its ISO text ({@code 2023-02-06T15:59:59}). */
        void dateTime(LocalDateTime t) {
            if (t == null) {
                nul();
            } else {
                str(t.toString());
            }
        }

        /** A code of an enum (its UTF-8 bytes from the table). */
        <E extends Enum<E>> void code(byte[][] table, E v) {
            if (v == null) {
                nul();
            } else {
                key(table[v.ordinal()]);
            }
        }

        /**
         * A list; one longer than {@code limit} is sent as its length alone, which the library refuses as
         * {@code limit_exceeded} at its path without this side building its bytes.
         */
        <T> void list(List<T> l, long limit, Enc<T> enc) {
            if (l == null) {
                nul();
                return;
            }
            int n = l.size();
            if (n > limit) {
                room(5);
                buf[pos++] = ELIDED;
                u32(n);
                return;
            }
            room(5);
            buf[pos++] = ARR;
            u32(n);
            for (T v : l) {
                enc.write(this, v);
            }
        }

        /** A map of text keys; a null key is refused by the library at the map's path. */
        <V> void map(Map<String, V> m, Enc<V> enc) {
            if (m == null) {
                nul();
                return;
            }
            room(5);
            buf[pos++] = OBJ;
            int countAt = pos;
            pos += 4;
            int n = 0;
            for (Map.Entry<String, V> e : m.entrySet()) {
                String k = e.getKey();
                if (k == null) {
                    tag(NULL_KEY);
                } else {
                    str(k);
                }
                enc.write(this, e.getValue());
                n++;
            }
            buf[countAt] = (byte) n;
            buf[countAt + 1] = (byte) (n >>> 8);
            buf[countAt + 2] = (byte) (n >>> 16);
            buf[countAt + 3] = (byte) (n >>> 24);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The answer's bytes were not what the library writes: a bug, reported as {@code internal_error}. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super(what, null, false, false);
        }
    }

    /** Reads a tree. */
    static final class Reader {
        final byte[] b;
        int p;

        Reader(byte[] b, int p) {
            this.b = b;
            this.p = p;
        }

        private int u32() {
            int v = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
            p += 4;
            return v;
        }

        private long i64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (b[p + i] & 0xff) << (8 * i);
            }
            p += 8;
            return v;
        }

        private byte next() {
            return b[p++];
        }

        private void expect(byte t) {
            byte got = next();
            if (got != t) {
                throw new Malformed("expected tag " + t + ", found " + got + " at " + (p - 1));
            }
        }

        /** Consumes a null if one is next. */
        boolean nullNext() {
            if (b[p] == NULL) {
                p++;
                return true;
            }
            return false;
        }

        /** An object's member count. */
        int object() {
            expect(OBJ);
            return u32();
        }

        /**
         * Reads a member's key: the index of it in {@code names} (tried first at {@code hint}, the order the
         * library writes them in), or -1.
         */
        int field(byte[][] names, int hint) {
            expect(STR);
            int len = u32();
            int at = p;
            p += len;
            if (hint < names.length && same(names[hint], at, len)) {
                return hint;
            }
            for (int i = 0; i < names.length; i++) {
                if (same(names[i], at, len)) {
                    return i;
                }
            }
            return -1;
        }

        private boolean same(byte[] name, int at, int len) {
            return name.length == len && Arrays.equals(name, 0, len, b, at, at + len);
        }

        boolean bool() {
            byte t = next();
            if (t == TRUE) {
                return true;
            }
            if (t == FALSE) {
                return false;
            }
            throw new Malformed("expected a boolean, found tag " + t);
        }

        Boolean boolOrNull() {
            return nullNext() ? null : bool();
        }

        long int64() {
            byte t = next();
            if (t == INT) {
                return i64();
            }
            if (t == NUM) {
                return new BigDecimal(ascii()).longValueExact();
            }
            throw new Malformed("expected a whole number, found tag " + t);
        }

        Long int64OrNull() {
            return nullNext() ? null : int64();
        }

        int int32() {
            return Math.toIntExact(int64());
        }

        Integer int32OrNull() {
            return nullNext() ? null : int32();
        }

        private String ascii() {
            int len = u32();
            String s = new String(b, p, len, StandardCharsets.ISO_8859_1);
            p += len;
            return s;
        }

        String str() {
            if (nullNext()) {
                return null;
            }
            expect(STR);
            int len = u32();
            String s = new String(b, p, len, StandardCharsets.UTF_8);
            p += len;
            return s;
        }

        /** Money (the library writes it as text with two decimals), or another exact decimal. */
        BigDecimal money() {
            if (nullNext()) {
                return null;
            }
            byte t = next();
            if (t == INT) {
                return BigDecimal.valueOf(i64());
            }
            if (t != STR && t != NUM && t != DEC) {
                throw new Malformed("expected a decimal, found tag " + t);
            }
            int len = u32();
            BigDecimal v = decimal(b, p, len);
            p += len;
            return v;
        }

        /** {@code [-]digits[.digits]} of up to 18 digits without an allocation for the digits; else BigDecimal's parser. */
        private static BigDecimal decimal(byte[] b, int at, int len) {
            int i = at;
            int end = at + len;
            boolean neg = i < end && b[i] == '-';
            if (neg) {
                i++;
            }
            long unscaled = 0;
            int digits = 0;
            int scale = -1;
            for (; i < end; i++) {
                byte c = b[i];
                if (c >= '0' && c <= '9') {
                    unscaled = unscaled * 10 + (c - '0');
                    digits++;
                    if (scale >= 0) {
                        scale++;
                    }
                } else if (c == '.' && scale < 0) {
                    scale = 0;
                } else {
                    digits = 99;
                    break;
                }
            }
            if (digits == 0 || digits > 18) {
                return new BigDecimal(new String(b, at, len, StandardCharsets.ISO_8859_1));
            }
            return BigDecimal.valueOf(neg ? -unscaled : unscaled, Math.max(scale, 0));
        }

        private int digits(int at, int n) {
            int v = 0;
            for (int i = at; i < at + n; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    throw new Malformed("not a date");
                }
                v = v * 10 + d;
            }
            return v;
        }

        /** A date written as {@code YYYY-MM-DD}. */
        LocalDate date() {
            if (nullNext()) {
                return null;
            }
            expect(STR);
            int len = u32();
            int at = p;
            p += len;
            if (len == 10 && b[at + 4] == '-' && b[at + 7] == '-') {
                try {
                    return LocalDate.of(digits(at, 4), digits(at + 5, 2), digits(at + 8, 2));
                } catch (DateTimeException e) {
                    throw new Malformed("not a date");
                }
            }
            return LocalDate.parse(new String(b, at, len, StandardCharsets.UTF_8));
        }

        /** A date and time written as {@code YYYY-MM-DDTHH:MM[:SS]}. */
        LocalDateTime dateTime() {
            String s = str();
            return s == null ? null : LocalDateTime.parse(s);
        }

        /** A code of an enum, by its UTF-8 bytes in {@code table}. */
        <E> E code(byte[][] table, E[] values) {
            if (nullNext()) {
                return null;
            }
            expect(STR);
            int len = u32();
            int at = p;
            p += len;
            for (int i = 0; i < table.length; i++) {
                if (same(table[i], at, len)) {
                    return values[i];
                }
            }
            throw new Malformed("a code this build does not know: " + new String(b, at, len, StandardCharsets.UTF_8));
        }

        /** A list (null when the library wrote null). */
        <T> List<T> list(Dec<T> dec) {
            if (nullNext()) {
                return null;
            }
            expect(ARR);
            int n = u32();
            if (n == 0) {
                return List.of();
            }
            ArrayList<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(dec.read(this));
            }
            return Collections.unmodifiableList(out);
        }

        /** A map of text keys, in the library's order. */
        <V> Map<String, V> map(Dec<V> dec) {
            if (nullNext()) {
                return null;
            }
            expect(OBJ);
            int n = u32();
            LinkedHashMap<String, V> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                expect(STR);
                int len = u32();
                String k = new String(b, p, len, StandardCharsets.UTF_8);
                p += len;
                out.put(k, dec.read(this));
            }
            return Collections.unmodifiableMap(out);
        }

        /** Any value: null, Boolean, Long, BigDecimal (or BigInteger), String, List, Map. */
        Object any() {
            byte t = b[p];
            switch (t) {
                case NULL:
                    p++;
                    return null;
                case FALSE:
                case TRUE:
                    return bool();
                case INT:
                    p++;
                    return i64();
                case NUM: {
                    p++;
                    String s = ascii();
                    if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
                        return new BigInteger(s);
                    }
                    return new BigDecimal(s);
                }
                case STR:
                    return str();
                case ARR:
                    return list(Reader::any);
                case OBJ:
                    return map(Reader::any);
                default:
                    throw new Malformed("an unknown tag " + t);
            }
        }

        /** Skips a value (a field this build does not know). */
        void skip() {
            any();
        }
    }
}
