package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;

/** Small text helpers: the protocol counts cursor positions in Unicode code points, Java in UTF-16 units. */
final class Text {
    private Text() {}

    static int charIndex(String s, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, s.codePointCount(0, s.length())));
        return s.offsetByCodePoints(0, cp);
    }

    static int codePointIndex(String s, int charIndex) {
        return s.codePointCount(0, Math.max(0, Math.min(charIndex, s.length())));
    }

    static JsonArray array(Iterable<String> items) {
        JsonArray a = new JsonArray();
        for (String s : items) a.add(s);
        return a;
    }

    /** Braces and parentheses opened and not closed (ignoring string and char literals and comments). */
    static int openBraces(String code) {
        int depth = 0;
        boolean inStr = false, inChar = false, lineComment = false, blockComment = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            char n = i + 1 < code.length() ? code.charAt(i + 1) : 0;
            if (lineComment) { if (c == '\n') lineComment = false; continue; }
            if (blockComment) { if (c == '*' && n == '/') { blockComment = false; i++; } continue; }
            if (inStr) { if (c == '\\') i++; else if (c == '"') inStr = false; continue; }
            if (inChar) { if (c == '\\') i++; else if (c == '\'') inChar = false; continue; }
            switch (c) {
                case '/' -> { if (n == '/') lineComment = true; else if (n == '*') blockComment = true; }
                case '"' -> inStr = true;
                case '\'' -> inChar = true;
                case '{', '(' -> depth++;
                case '}', ')' -> depth = Math.max(0, depth - 1);
                default -> { }
            }
        }
        return depth;
    }
}
