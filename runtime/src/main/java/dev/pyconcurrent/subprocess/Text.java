package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.LookupError;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/** Text mode: Python's codec names, {@code bytes.decode(encoding, errors)} with its error handlers, universal newlines. */
final class Text {
    private Text() {}

    private static final Map<String, Charset> ALIASES = Map.of(
            "utf8", StandardCharsets.UTF_8, "utf-8", StandardCharsets.UTF_8,
            "latin-1", StandardCharsets.ISO_8859_1, "latin1", StandardCharsets.ISO_8859_1,
            "ascii", StandardCharsets.US_ASCII, "us-ascii", StandardCharsets.US_ASCII);

    /** {@code locale.getencoding()}: the platform's native encoding (Java 17's {@code native.encoding}). */
    static String localeEncoding() {
        // nl_langinfo(CODESET) as the JDK read it; CPython coerces the C locale's ASCII to UTF-8 (PEP 538)
        String codeset = System.getProperty("native.encoding");
        return codeset == null || codeset.equals("ANSI_X3.4-1968") ? "utf-8" : codeset;
    }

    /** The charset for a Python codec name; {@code LookupError: unknown encoding: x} otherwise. */
    static Charset charset(String encoding) {
        Charset c = ALIASES.get(encoding.toLowerCase(Locale.ROOT).replace('_', '-'));
        if (c != null) return c;
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new LookupError("unknown encoding: " + encoding);
        }
    }

    /** The name Python's codec messages use: {@code 'utf-8'}, {@code 'ascii'}, {@code 'latin-1'}. */
    static String pyName(Charset c) {
        if (c.equals(StandardCharsets.UTF_8)) return "utf-8";
        if (c.equals(StandardCharsets.US_ASCII)) return "ascii";
        if (c.equals(StandardCharsets.ISO_8859_1)) return "latin-1";
        return c.name().toLowerCase(Locale.ROOT);
    }

    /** {@code data.decode(encoding, errors)} then {@code \r\n} and {@code \r} to {@code \n}, as Popen's text mode. */
    static String translate(byte[] data, Charset charset, String errors) {
        return decode(data, charset, errors).replace("\r\n", "\n").replace('\r', '\n');
    }

    /** {@code bytes.decode}: the handler is looked up only when an undecodable byte is met, as in CPython. */
    static String decode(byte[] data, Charset charset, String errors) {
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(Math.max(16, data.length));
        StringBuilder sb = new StringBuilder(data.length);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isOverflow()) {
                sb.append(out.flip());
                out.clear();
            } else if (r.isError()) {
                int pos = in.position();
                handle(sb.append(out.flip()), data, pos, r.length(), charset, errors);
                out.clear();
                in.position(pos + r.length());
            } else {
                break;
            }
        }
        while (d.flush(out).isOverflow()) {
            sb.append(out.flip());
            out.clear();
        }
        return sb.append(out.flip()).toString();
    }

    private static void handle(StringBuilder sb, byte[] data, int pos, int len, Charset charset, String errors) {
        String handler = errors == null ? "strict" : errors;
        switch (handler) {
            case "strict" -> throw new UnicodeDecodeError("'" + pyName(charset) + "' codec can't decode byte 0x"
                    + String.format("%02x", data[pos] & 0xff) + " in position " + pos + ": " + reason(data, pos, charset));
            case "ignore" -> { }
            case "replace" -> sb.append('\ufffd');
            case "backslashreplace" -> {
                for (int i = pos; i < pos + len; i++) sb.append(String.format("\\x%02x", data[i] & 0xff));
            }
            case "surrogateescape" -> {
                for (int i = pos; i < pos + len; i++) sb.append((char) (0xdc00 + (data[i] & 0xff)));
            }
            default -> throw new LookupError("unknown error handler name '" + handler + "'");
        }
    }

    private static String reason(byte[] data, int pos, Charset charset) {
        if (charset.equals(StandardCharsets.US_ASCII)) return "ordinal not in range(128)";
        if (!charset.equals(StandardCharsets.UTF_8)) return "invalid data";
        int b = data[pos] & 0xff;
        int need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
        if (need < 0) return "invalid start byte";
        for (int i = 1; i <= need; i++) {
            if (pos + i >= data.length) return "unexpected end of data";
            if ((data[pos + i] & 0xc0) != 0x80) return "invalid continuation byte";
        }
        return "invalid continuation byte";
    }

    /** {@code str.encode(encoding)} for text-mode input. */
    static byte[] encode(String s, Charset charset) {
        try {
            ByteBuffer b = charset.newEncoder().encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return s.getBytes(charset);
        }
    }
}
