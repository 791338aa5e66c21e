package org.shftu.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The native library (internal: not part of the API). It is packed in the JAR under
 * {@code org/shftu/rules/native/<os>-<arch>/} and loaded from there by the platform the JVM runs on: no
 * {@code java.library.path} and no setup. {@code -Dshftu.rules.library=/path/to/libshftu_rules_jvm.so}
 * loads another build instead; a platform the JAR has no library for falls back to
 * {@code System.loadLibrary("shftu_rules_jvm")} (Android's {@code jniLibs}, {@code java.library.path}).
 */
final class Native {
    private Native() {}

    /** The answer holds a result (status byte of a typed answer). */
    static final byte OK = 0;
    /** The answer holds an error {code, path, message}. */
    static final byte ERR = 1;
    /** The answer holds the text of a bug caught at the boundary. */
    static final byte INTERNAL = 2;

    /** The platforms whose library the JAR may carry, as the resource folders name them. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux"
                : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "win32" : os.replace(' ', '-');
        String a = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86-64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return o + "-" + a;
    }

    static {
        load();
        String ids = new String(ruleIds(), StandardCharsets.UTF_8);
        if (!ids.equals(GeneratedRules.RULE_IDS)) {
            throw new LinkageError("the native library of shftu-rules was built from another registry than its Java classes"
                    + " (rules " + ids.replace('\n', ' ') + "); rebuild the JAR");
        }
    }

    private static void load() {
        String override = System.getProperty("shftu.rules.library");
        if (override != null && !override.isEmpty()) {
            System.load(Path.of(override).toAbsolutePath().toString());
            return;
        }
        String name = System.mapLibraryName("shftu_rules_jvm");
        String resource = "native/" + platform() + "/" + name;
        try (InputStream in = Native.class.getResourceAsStream(resource)) {
            if (in == null) {
                // Not packed for this platform: the system's search path (Android's jniLibs, java.library.path).
                try {
                    System.loadLibrary("shftu_rules_jvm");
                    return;
                } catch (UnsatisfiedLinkError e) {
                    UnsatisfiedLinkError u = new UnsatisfiedLinkError("shftu-rules carries no native library for " + platform()
                            + " (org/shftu/rules/" + resource + " is not in the JAR, nor is shftu_rules_jvm on the library path);"
                            + " build one with cargo for this platform and pass -Dshftu.rules.library=<path>");
                    u.initCause(e);
                    throw u;
                }
            }
            Path dir = Files.createTempDirectory("shftu-rules-");
            Path lib = dir.resolve(name);
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            System.load(lib.toString());
            // Loaded and mapped: the file is no longer needed (on Windows it is removed at exit).
            try {
                Files.delete(lib);
                Files.delete(dir);
            } catch (IOException e) {
                lib.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            UnsatisfiedLinkError u = new UnsatisfiedLinkError("could not unpack the native library of shftu-rules: " + e);
            u.initCause(e);
            throw u;
        }
    }

    // The entry points (bindings/jvm/src/jni.rs).

    static native byte[] evaluate(byte[] utf8);

    static native byte[] evaluateRefused(int why, long value);

    static native byte[] evaluateMany(byte[] batch, int threads);

    static native byte[] call(int rule, int edition, int lang, int trace, byte[] input);

    static native byte[] open(byte[] editionOrNull, int lang);

    static native byte[] editionName(int index);

    static native byte[] explain(byte[] response, int lang);

    static native byte[] describe();

    static native byte[] ruleIds();

    static native byte[] required(byte[] path, int expected, int lang);

    static native byte[] panicForTest();

    // Reading answers.

    /** The exception of an {@code [ERR]} or {@code [INTERNAL]} answer. */
    static ShftuException failure(byte[] answer) {
        if (answer == null || answer.length == 0) {
            return new ShftuException.Internal("internal error in shftu-rules: an empty answer");
        }
        if (answer[0] == INTERNAL) {
            return new ShftuException.Internal(new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8));
        }
        Wire.Reader r = new Wire.Reader(answer, 1);
        String code = null;
        String path = null;
        String message = null;
        int n = r.object();
        for (int i = 0; i < n; i++) {
            switch (r.field(ERROR_KEYS, i)) {
                case 0 -> code = r.str();
                case 1 -> path = r.str();
                case 2 -> message = r.str();
                default -> r.skip();
            }
        }
        return ShftuException.of(code == null ? "internal_error" : code, path, message);
    }

    private static final byte[][] ERROR_KEYS = {
        "code".getBytes(StandardCharsets.UTF_8), "path".getBytes(StandardCharsets.UTF_8), "message".getBytes(StandardCharsets.UTF_8),
    };
    private static final byte[][] STEP_KEYS = {
        "clause".getBytes(StandardCharsets.UTF_8), "note".getBytes(StandardCharsets.UTF_8),
        "code".getBytes(StandardCharsets.UTF_8), "params".getBytes(StandardCharsets.UTF_8),
    };
    private static final byte[][] PARAM_KEYS = {
        "id".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8), "clause".getBytes(StandardCharsets.UTF_8),
    };

    /** A trace as written by {@code api::write_trace}. */
    static List<TraceStep> trace(Wire.Reader r) {
        List<TraceStep> steps = r.list(Native::step);
        return steps == null ? List.of() : steps;
    }

    private static TraceStep step(Wire.Reader r) {
        String clause = "";
        String note = "";
        String code = null;
        List<TraceParam> params = List.of();
        int n = r.object();
        for (int i = 0; i < n; i++) {
            switch (r.field(STEP_KEYS, i)) {
                case 0 -> clause = r.str();
                case 1 -> note = r.str();
                case 2 -> code = r.str();
                case 3 -> params = r.list(Native::param);
                default -> r.skip();
            }
        }
        return new TraceStep(clause, note, code, params);
    }

    private static TraceParam param(Wire.Reader r) {
        String id = "";
        Object value = null;
        String clause = "";
        int n = r.object();
        for (int i = 0; i < n; i++) {
            switch (r.field(PARAM_KEYS, i)) {
                case 0 -> id = r.str();
                case 1 -> value = r.any();
                case 2 -> clause = r.str();
                default -> r.skip();
            }
        }
        return new TraceParam(id, value, clause);
    }

    /** The text of an {@code [OK]}-prefixed answer, or its exception. */
    static String okText(byte[] answer) throws ShftuException {
        if (answer == null || answer.length == 0 || answer[0] != OK) {
            throw failure(answer);
        }
        return new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8);
    }

    /** The response of an {@code evaluate}: the JSON text (it starts with '{'), or the internal error. */
    static String response(byte[] answer) throws ShftuException {
        if (answer == null || answer.length == 0 || answer[0] != '{') {
            throw failure(answer);
        }
        return new String(answer, StandardCharsets.UTF_8);
    }

    /** The responses of an {@code evaluateMany}. */
    static List<String> responses(byte[] answer, int n) throws ShftuException {
        if (answer == null || answer.length == 0 || answer[0] != OK) {
            throw failure(answer);
        }
        List<String> out = new ArrayList<>(n);
        int p = 1;
        for (int i = 0; i < n; i++) {
            int len = (answer[p] & 0xff) | (answer[p + 1] & 0xff) << 8 | (answer[p + 2] & 0xff) << 16 | (answer[p + 3] & 0xff) << 24;
            p += 4;
            out.add(new String(answer, p, len, StandardCharsets.UTF_8));
            p += len;
        }
        return out;
    }

    /** The exception for a required argument given as null ({@code requests}, …). */
    static ShftuException required(String path, int expected, Lang lang) {
        return failure(required(path.getBytes(StandardCharsets.UTF_8), expected, lang.ordinal()));
    }
}
