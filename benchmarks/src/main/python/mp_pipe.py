"""n round trips over a Pipe() to a spawn child that echoes: VARIANT bytes (send_bytes of 24 bytes)
or objects (send of ("ping", i, 1.5)). The child is started once (in the warm-up run) and reused.
Result: how many replies were right."""
import multiprocessing as mp

from _bench import main

_child = None


def echo(conn):
    while True:
        kind = conn.recv()
        n = conn.recv()
        for _ in range(n):
            if kind == "bytes":
                conn.send_bytes(conn.recv_bytes())
            else:
                conn.send(conn.recv())


def work(n, kind):
    global _child
    if _child is None:
        ctx = mp.get_context("spawn")
        a, b = ctx.Pipe()
        p = ctx.Process(target=echo, args=(b,), daemon=True)
        p.start()
        _child = a
    conn = _child
    conn.send(kind)
    conn.send(n)
    ok = 0
    payload = bytes(24)
    for i in range(n):
        if kind == "bytes":
            conn.send_bytes(payload)
            ok += conn.recv_bytes() == payload
        else:
            conn.send(("ping", i, 1.5))
            ok += conn.recv() == ("ping", i, 1.5)
    return ok


if __name__ == "__main__":
    main(work)
