package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/** CPython's address families: a path ({@code AF_UNIX}) or a {@code (host, port)} tuple ({@code AF_INET}). */
final class Addresses {
    private Addresses() {}

    static String type(Object address) {
        if (address instanceof Tuple) return "AF_INET";
        if (address instanceof String s) return s.startsWith("\\\\") ? "AF_PIPE" : "AF_UNIX";
        throw new TypeError("address type of " + Py.repr(address) + " unrecognized");
    }

    static void validate(String family) {
        if (!family.equals("AF_UNIX") && !family.equals("AF_INET")) {
            throw new ValueError("Family " + family + " is not recognized.");
        }
    }

    static SocketAddress of(Object address) {
        if (address instanceof Tuple t) {
            if (t.size() != 2) throw new ValueError("address type of " + Py.repr(address) + " unrecognized");
            return new InetSocketAddress((String) t.get(0), ((Number) t.get(1)).intValue());
        }
        String path = (String) address;
        if (path.startsWith("\0")) {
            throw new OSError(OSError.EINVAL, "Linux abstract socket names (a leading '\\0') are not supported by the JVM", address);
        }
        return UnixDomainSocketAddress.of(path);
    }

    static SocketChannel connect(Object address) {
        SocketAddress a = of(address);
        try {
            SocketChannel c = SocketChannel.open(a);
            if (a instanceof InetSocketAddress) c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return c;
        } catch (IOException e) {
            throw error(e);
        }
    }

    /** The OSError subclass CPython raises for a socket call's failure (no file, refused, …). */
    static OSError error(IOException e) {
        String m = String.valueOf(e.getMessage());
        int errno = m.contains("No such file") ? OSError.ENOENT
                : m.contains("refused") ? OSError.ECONNREFUSED
                : m.contains("in use") ? 98
                : m.contains("ermission") ? OSError.EACCES
                : -1;
        if (errno == 98) return new OSError(98, "Address already in use");
        return (OSError) (errno < 0 ? new OSError(m) : OSError.of(errno, null)).from(e);
    }

    /** The Python form of a bound address: the path, or {@code (host, port)}. */
    static Object python(SocketAddress a) {
        if (a instanceof InetSocketAddress i) return Tuple.of(i.getAddress().getHostAddress(), i.getPort());
        return ((UnixDomainSocketAddress) a).getPath().toString();
    }
}
