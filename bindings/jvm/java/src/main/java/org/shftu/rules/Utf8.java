package org.shftu.rules;

import java.nio.charset.StandardCharsets;

/** UTF-16 to UTF-8 with lone surrogates found, not silently replaced (internal: not part of the API). */
final class Utf8 {
    private Utf8() {}

    /**
     * The UTF-8 length of {@code s}, or {@code -(i + 1)} when the char at {@code i} is a lone surrogate
     * (the string is not Unicode text).
     */
    static long scan(String s) {
        int n = s.length();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    return -(i + 1L);
                }
            } else if (Character.isLowSurrogate(c)) {
                return -(i + 1L);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The UTF-8 bytes of {@code s} from index {@code from}, a lone surrogate written as U+FFFD. */
    static byte[] encode(String s, int from) {
        String rest = from == 0 ? s : s.substring(from);
        if (scan(rest) >= 0) {
            return rest.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(rest.length());
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < rest.length() && Character.isLowSurrogate(rest.charAt(i + 1))) {
                sb.append(c).append(rest.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
