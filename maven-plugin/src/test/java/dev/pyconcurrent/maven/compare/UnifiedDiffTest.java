package dev.pyconcurrent.maven.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.maven.TestNotebooks;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    private static final List<String[]> CASES = List.of(
            new String[] {"a\nb\nc\n", "a\nx\nc\n"},
            new String[] {"", "new\n"},
            new String[] {"old\n", ""},
            new String[] {"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "1\n2\nX\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nY\n15\n"},
            new String[] {"1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n3.5\n4\n5\n6\n7\n8\n"},
            new String[] {"a\nb\nc\nd\n", "d\nc\nb\na\n"},
            new String[] {"same\nx\ny\n", "same\ny\nx\nz\n"});

    @Test
    void hunksMatchPythonsDifflib() throws Exception {
        StringBuilder java = new StringBuilder();
        StringBuilder input = new StringBuilder("[");
        for (String[] c : CASES) {
            java.append(UnifiedDiff.diff(c[0], c[1], "expected", "actual", 3)).append("=====\n");
            input.append(input.length() > 1 ? "," : "").append("[").append(json(c[0])).append(",").append(json(c[1])).append("]");
        }
        String python = TestNotebooks.runPython("""
                import difflib, json, sys
                for a, b in json.load(sys.stdin):
                    for line in difflib.unified_diff(a.splitlines(), b.splitlines(), 'expected', 'actual', lineterm=''):
                        print(line)
                    print('=====')
                """, input.append("]").toString());
        assertEquals(python, java.toString());
    }

    @Test
    void equalTextsGiveNothingAndAMissingNewlineIsShown() {
        assertEquals("", UnifiedDiff.diff("a\n", "a\n", "x", "y", 3));
        assertEquals("--- x\n+++ y\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of text\n", UnifiedDiff.diff("a\n", "a", "x", "y", 3));
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
