package dev.pyconcurrent.shlex;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** shlex against CPython 3.13 on a table of tricky inputs (reference/shlex.py). */
class ShlexTest {
    private static final String T = "shlex";

    static final List<String> SPLIT_INPUTS = List.of(
            "", "   ", "a b  c", "  lead and trail  ", "tab\tsep\nnew\rline",
            "'single quoted' \"double quoted\"", "mixed'quo'ted\"word\"s", "''", "\"\"", "a '' b", "x\"\"y",
            "back\\ slash", "a\\\\b", "\\'", "\\\"", "\"esc \\\" inside\"", "\"keep \\a\"", "\"dollar \\$x\"", "'no \\ escape'",
            "$HOME ${x} $(cmd)", "a#b #c", "a # comment\nb", "#only comment", "a;b|c&d>e<f", "(x) {y}",
            "héllo wörld ß", "日本 語", "emoji \uD83D\uDE00 x", "it\\'s fine", "\"'\" '\"'", "a\\\nb", "\\$5",
            "end\\\\", "=:,./-@%+", "word'quoted part'more");

    static final List<String> QUOTE_INPUTS = List.of("", "abc", "a b", "it's", "$x", "-n", "a@b%+=:,./-_", "é", "日本",
            "\uD83D\uDE00", "tab\there", "new\nline", "'", "''", "\"", "back\\slash", "*", "?", "~", "!", "#", "a=b", "${x}", "`cmd`");

    private static void table(boolean comments, boolean posix) {
        for (String s : SPLIT_INPUTS) Py.print(Py.repr(s), "->", Shlex.split(s, comments, posix));
    }

    @Test
    void splitPosix() {
        assertPrints(T, "split_posix", () -> {
            for (String s : SPLIT_INPUTS) Py.print(Py.repr(s), "->", Shlex.split(s));
        });
        assertPrints(T, "split_posix_comments", () -> {
            for (String s : SPLIT_INPUTS) Py.print(Py.repr(s), "->", Shlex.split(s, true));
        });
    }

    @Test
    void splitNonPosix() {
        assertPrints(T, "split_non_posix", () -> table(false, false));
        assertPrints(T, "split_non_posix_comments", () -> table(true, false));
    }

    @Test
    void splitErrors() {
        assertRaises(ValueError.class, T, "split_no_closing_quotation", () -> Shlex.split("a 'b"));
        assertRaises(ValueError.class, T, "split_no_closing_double_quotation", () -> Shlex.split("a \"b\\\""));
        assertRaises(ValueError.class, T, "split_no_closing_quotation_non_posix", () -> Shlex.split("a 'b", false, false));
        assertRaises(ValueError.class, T, "split_no_escaped_character", () -> Shlex.split("a\\"));
        assertRaises(ValueError.class, T, "split_none", () -> Shlex.split(null));
    }

    @Test
    void quoteAndJoin() {
        assertPrints(T, "quote_table", () -> {
            for (String s : QUOTE_INPUTS) Py.print(Py.repr(s), "->", Shlex.quote(s));
        });
        assertPrints(T, "join_table", () -> {
            Py.print(Shlex.join(List.of("a b", "c")));
            Py.print(Shlex.join(List.of()));
            Py.print(Shlex.join(QUOTE_INPUTS));
            Py.print(Shlex.split(Shlex.join(QUOTE_INPUTS)).equals(QUOTE_INPUTS));
        });
    }

    @Test
    void quoteNone() {
        assertPrints(T, "quote_none", () -> Py.print(Shlex.quote(null), Shlex.join(java.util.Arrays.asList("a", null, "b c"))));
    }
}
