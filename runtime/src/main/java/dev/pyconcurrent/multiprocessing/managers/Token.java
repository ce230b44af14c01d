package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Py;
import java.io.Serializable;

/**
 * {@code multiprocessing.managers.Token}: what identifies a shared object, its type id, the
 * address of the manager's server that holds it, and its id there.
 */
public final class Token implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String typeid;
    private final Object address;
    private final String id;

    public Token(String typeid, Object address, String id) {
        this.typeid = typeid;
        this.address = address;
        this.id = id;
    }

    public String typeid() {
        return typeid;
    }

    /** The server's address: a Unix socket path, or {@code (host, port)}. */
    public Object address() {
        return address;
    }

    public String id() {
        return id;
    }

    /** {@code Token(typeid='dict', address='/tmp/pymp-…/listener-…', id='7')}. */
    @Override
    public String toString() {
        return "Token(typeid=" + Py.repr(typeid) + ", address=" + Py.repr(address) + ", id=" + Py.repr(id) + ")";
    }
}
