package dev.pyconcurrent.shlex;

import dev.pyconcurrent.builtins.ValueError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's {@code shlex} module functions: {@code split}, {@code join}, {@code quote}. The
 * splitter is CPython's {@code shlex} lexer state machine with {@code whitespace_split=True}
 * (as {@code shlex.split} configures it), in POSIX mode by default or CPython's non-POSIX
 * mode, with {@code #} comments when asked; same tokens, same {@code ValueError}s.
 */
public final class Shlex {
    private Shlex() {}

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_@%+=:,./-]");

    /** {@code shlex.quote(s)}: {@code ''} for empty or null (Python's falsy None), the string itself if shell-safe, else single-quoted. */
    public static String quote(String s) {
        if (s == null || s.isEmpty()) return "''";
        if (!UNSAFE.matcher(s).find()) return s;
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** {@code shlex.join(split_command)}: each argument quoted, joined by spaces. */
    public static String join(List<String> splitCommand) {
        StringBuilder sb = new StringBuilder();
        for (String arg : splitCommand) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(quote(arg));
        }
        return sb.toString();
    }

    /** {@code shlex.split(s)}: POSIX mode, no comments. */
    public static List<String> split(String s) {
        return split(s, false, true);
    }

    /** {@code shlex.split(s, comments)}. */
    public static List<String> split(String s, boolean comments) {
        return split(s, comments, true);
    }

    /** {@code shlex.split(s, comments, posix)}. */
    public static List<String> split(String s, boolean comments, boolean posix) {
        if (s == null) throw new ValueError("s argument must not be None");
        return new Lexer(s, comments, posix).tokens();
    }

    /** CPython's {@code shlex.read_token} for {@code whitespace_split=True} and no punctuation characters. */
    private static final class Lexer {
        private static final String WORDCHARS = "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        private static final String POSIX_WORDCHARS = WORDCHARS
                + "ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ";
        private static final int EOF = -1;
        private static final int WHITESPACE_STATE = ' ', WORD = 'a', END = 0;

        private final int[] chars;
        private int pos;
        private final boolean posix;
        private final String commenters;
        private final String wordchars;
        private int state = WHITESPACE_STATE;
        private StringBuilder token = new StringBuilder();

        Lexer(String s, boolean comments, boolean posix) {
            this.chars = s.codePoints().toArray();
            this.posix = posix;
            this.commenters = comments ? "#" : "";
            this.wordchars = posix ? POSIX_WORDCHARS : WORDCHARS;
        }

        List<String> tokens() {
            List<String> out = new ArrayList<>();
            while (true) {
                String t = readToken();
                if (posix ? t == null : t.isEmpty()) return out;
                out.add(t);
            }
        }

        private int read() {
            return pos < chars.length ? chars[pos++] : EOF;
        }

        private void readline() {
            while (pos < chars.length && chars[pos++] != '\n') {
                // skip the rest of the comment's line
            }
        }

        private static boolean in(int c, String set) {
            return c != EOF && set.indexOf(c) >= 0;
        }

        private static boolean isWhitespace(int c) {
            return in(c, " \t\r\n");
        }

        private static boolean isQuote(int c) {
            return in(c, "'\"");
        }

        private String readToken() {
            boolean quoted = false;
            int escapedstate = WHITESPACE_STATE;
            while (true) {
                int c = read();
                if (state == END) {
                    token.setLength(0);
                    break;
                } else if (state == WHITESPACE_STATE) {
                    if (c == EOF) {
                        state = END;
                        break;
                    } else if (isWhitespace(c)) {
                        if (token.length() > 0 || (posix && quoted)) break;
                    } else if (in(c, commenters)) {
                        readline();
                    } else if (posix && c == '\\') {
                        escapedstate = WORD;
                        state = c;
                    } else if (in(c, wordchars)) {
                        token.setLength(0);
                        token.appendCodePoint(c);
                        state = WORD;
                    } else if (isQuote(c)) {
                        if (!posix) {
                            token.setLength(0);
                            token.appendCodePoint(c);
                        }
                        state = c;
                    } else {
                        token.setLength(0);
                        token.appendCodePoint(c);
                        state = WORD;
                    }
                } else if (isQuote(state)) {
                    quoted = true;
                    if (c == EOF) throw new ValueError("No closing quotation");
                    if (c == state) {
                        if (!posix) {
                            token.appendCodePoint(c);
                            state = WHITESPACE_STATE;
                            break;
                        }
                        state = WORD;
                    } else if (posix && c == '\\' && state == '"') {
                        escapedstate = state;
                        state = c;
                    } else {
                        token.appendCodePoint(c);
                    }
                } else if (state == '\\') {
                    if (c == EOF) throw new ValueError("No escaped character");
                    if (isQuote(escapedstate) && c != state && c != escapedstate) token.appendCodePoint(state);
                    token.appendCodePoint(c);
                    state = escapedstate;
                } else if (state == WORD) {
                    if (c == EOF) {
                        state = END;
                        break;
                    } else if (isWhitespace(c)) {
                        state = WHITESPACE_STATE;
                        if (token.length() > 0 || (posix && quoted)) break;
                    } else if (in(c, commenters)) {
                        readline();
                        if (posix) {
                            state = WHITESPACE_STATE;
                            if (token.length() > 0 || quoted) break;
                        }
                    } else if (posix && isQuote(c)) {
                        state = c;
                    } else if (posix && c == '\\') {
                        escapedstate = WORD;
                        state = c;
                    } else {
                        token.appendCodePoint(c);
                    }
                }
            }
            String result = token.toString();
            token = new StringBuilder();
            if (posix && !quoted && result.isEmpty()) return null;
            return result;
        }
    }
}
