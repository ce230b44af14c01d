package dev.pyconcurrent.maven.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff ({@code diff -u} / Python's {@code difflib.unified_diff} layout) between two
 * texts, by lines, with {@code context} lines around each change. Outputs are small, so a plain
 * longest-common-subsequence table is enough.
 */
public final class UnifiedDiff {
    private UnifiedDiff() {}

    private record Op(char kind, String line, int a, int b) {}

    /** The diff, or "" when the texts are equal. A missing final newline is shown as in diff(1). */
    public static String diff(String expected, String actual, String fromLabel, String toLabel, int context) {
        if (expected.equals(actual)) return "";
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromLabel).append('\n');
        out.append("+++ ").append(toLabel).append('\n');
        int i = 0;
        while (i < ops.size()) {
            // next change
            int change = i;
            while (change < ops.size() && ops.get(change).kind == ' ') change++;
            if (change == ops.size()) break;
            int start = Math.max(i, change - context);
            // extend the hunk while changes are within 2*context of each other
            int end = change;
            int lastChange = change;
            while (end < ops.size()) {
                if (ops.get(end).kind != ' ') lastChange = end;
                else if (end - lastChange > 2 * context) break;
                end++;
            }
            end = Math.min(ops.size(), lastChange + context + 1);
            List<Op> hunk = ops.subList(start, end);
            int aStart = -1, bStart = -1, aLen = 0, bLen = 0;
            for (Op op : hunk) {
                if (op.kind != '+') {
                    if (aStart < 0) aStart = op.a;
                    aLen++;
                }
                if (op.kind != '-') {
                    if (bStart < 0) bStart = op.b;
                    bLen++;
                }
            }
            out.append("@@ -").append(range(aStart < 0 ? firstA(ops, start) : aStart, aLen))
                    .append(" +").append(range(bStart < 0 ? firstB(ops, start) : bStart, bLen)).append(" @@\n");
            for (Op op : hunk) out.append(op.kind).append(op.line).append('\n');
            i = end;
        }
        return out.toString();
    }

    private static int firstA(List<Op> ops, int at) {
        int a = 0;
        for (int k = 0; k < at; k++) if (ops.get(k).kind != '+') a = ops.get(k).a + 1;
        return a;
    }

    private static int firstB(List<Op> ops, int at) {
        int b = 0;
        for (int k = 0; k < at; k++) if (ops.get(k).kind != '-') b = ops.get(k).b + 1;
        return b;
    }

    private static String range(int start, int len) {
        // 1-based; an empty range names the line before it, as diff -u does
        if (len == 0) return start + ",0";
        return len == 1 ? String.valueOf(start + 1) : (start + 1) + "," + len;
    }

    static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) lines.remove(lines.size() - 1);
        else lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n\\ No newline at end of text");
        return lines;
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new Op('+', b.get(j), i, j++));
            } else {
                ops.add(new Op('-', a.get(i), i++, j));
            }
        }
        // diff -u prints removals before additions within a change
        for (int k = 0; k + 1 < ops.size(); k++) {
            int s = k;
            while (k < ops.size() && ops.get(k).kind != ' ') k++;
            if (k - s > 1) {
                List<Op> block = new ArrayList<>(ops.subList(s, k));
                block.sort((x, y) -> Integer.compare(x.kind == '-' ? 0 : 1, y.kind == '-' ? 0 : 1));
                for (int t = 0; t < block.size(); t++) ops.set(s + t, block.get(t));
            }
        }
        return ops;
    }
}
