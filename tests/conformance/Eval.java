// Reads JSON Lines requests on stdin and writes the JVM binding's `Shftu.evaluate` answer for each, one line
// each (run by tests/conformance/run as a single-file Java program with only the shftu-rules JAR on the class
// path: the JAR carries its native library).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class Eval {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                out.println(org.shftu.rules.Shftu.evaluate(line));
            }
        }
        out.flush();
    }
}
