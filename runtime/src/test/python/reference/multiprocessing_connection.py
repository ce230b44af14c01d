"""multiprocessing.connection: Pipe ends, byte messages, objects, poll/wait, Listener/Client and the challenge (3.13)."""
import threading
from multiprocessing import AuthenticationError, BufferTooShort, Pipe
from multiprocessing.connection import Client, Listener, answer_challenge, deliver_challenge, wait

from cases import case


def attempt(fn, *args):
    try:
        print(repr(fn(*args)))
    except Exception as e:
        print(type(e).__name__, e)


@case
def closed_end():
    a, b = Pipe()
    print(a.closed, a.readable, a.writable, repr(a).startswith("<multiprocessing.connection.Connection object at"))
    a.close()
    a.close()
    print(a.closed)
    attempt(a.send, 1)
    attempt(a.recv)
    attempt(a.fileno)
    attempt(a.poll)
    attempt(a.send_bytes, b"x")
    b.close()


@case
def one_way_pipe():
    r, w = Pipe(duplex=False)
    print(r.readable, r.writable, w.readable, w.writable)
    attempt(r.send, 1)
    attempt(w.recv)
    attempt(w.poll)
    w.send("hi")
    print(r.recv())


@case
def send_bytes_arguments():
    a, b = Pipe()
    for args in [(b"abc", 5), (b"abc", -1), (b"abc", 1, -1), (b"abc", 1, 5)]:
        attempt(a.send_bytes, *args)
    a.send_bytes(b"abcdef", 1, 3)
    a.send_bytes(b"abcdef", 2)
    a.send_bytes(b"")
    print(b.recv_bytes(), b.recv_bytes(), b.recv_bytes())


@case
def recv_bytes_maxlength():
    a, b = Pipe()
    attempt(b.recv_bytes, -1)
    a.send_bytes(b"abcdef")
    a.send_bytes(b"ab")
    attempt(b.recv_bytes, 2)
    print(b.readable, b.closed)
    r, w = Pipe(duplex=False)
    w.send_bytes(b"abcdef")
    attempt(r.recv_bytes, 2)
    print(r.readable, r.closed)


@case
def recv_bytes_into():
    a, b = Pipe()
    buf = bytearray(6)
    a.send_bytes(b"xyz")
    print(b.recv_bytes_into(buf, 2), buf)
    attempt(b.recv_bytes_into, buf, -1)
    attempt(b.recv_bytes_into, buf, 7)
    a.send_bytes(b"toolong")
    try:
        b.recv_bytes_into(buf)
    except BufferTooShort as e:
        print(repr(e), e.args[0])


@case
def recv_after_peer_closed():
    a, b = Pipe()
    a.send(1)
    a.close()
    print(b.recv(), b.poll())
    b.recv()


@case
def objects_round_trip():
    a, b = Pipe()
    for v in [None, True, False, 7, -2**40, 2**70, 1.5, float("inf"), "h\xe9llo", b"\x00x", (), (1,), (1, "a", None),
              [1, [2.0]], {"k": [1, (2,)], 3: None}]:
        a.send(v)
        got = b.recv()
        print(got == v, type(got).__name__, repr(got))


@case
def poll_and_wait():
    a, b = Pipe()
    c, d = Pipe()
    print(b.poll(), b.poll(0.01), wait([b, d], 0.01))
    c.send(1)
    print(b.poll(0.01), d.poll(1), [x is d for x in wait([b, d], 1)], d.recv(), d.poll())
    a.send(2)
    c.send(3)
    print(len(wait([b, d])), b.recv(), d.recv())


@case
def listener_unix_with_authkey():
    with Listener(authkey=b"secret") as listener:
        print(repr(listener).startswith("<multiprocessing.connection.Listener object at"),
              listener.address.startswith("/tmp/pymp-"), "/listener-" in listener.address)
        def client():
            with Client(listener.address, authkey=b"secret") as c:
                c.send_bytes(b"ping")
                c.send(("obj", 1))
                print("client got", c.recv_bytes())
        t = threading.Thread(target=client)
        t.start()
        with listener.accept() as conn:
            print("server got", conn.recv_bytes(), conn.recv(), repr(listener.last_accepted))
            conn.send_bytes(b"pong")
        t.join()


@case
def listener_inet():
    with Listener(("localhost", 0)) as listener:
        host, port = listener.address
        print(host, port > 0)
        def client():
            with Client(("localhost", port)) as c:
                c.send_bytes(b"over tcp")
        t = threading.Thread(target=client)
        t.start()
        with listener.accept() as conn:
            print(conn.recv_bytes(), listener.last_accepted[0])
        t.join()


def wrong_key(side):
    with Listener(authkey=b"right") as listener:
        errors = {}
        def server():
            try:
                listener.accept()
            except Exception as e:
                errors["server"] = e
        t = threading.Thread(target=server)
        t.start()
        try:
            Client(listener.address, authkey=b"wrong")
        except Exception as e:
            errors["client"] = e
        t.join()
        raise errors[side]


@case
def wrong_key_client_side():
    wrong_key("client")


@case
def wrong_key_listener_side():
    wrong_key("server")


@case
def challenge_key_not_bytes():
    a, b = Pipe()
    deliver_challenge(a, None)


@case
def answer_not_a_challenge():
    a, b = Pipe()
    a.send_bytes(b"hello")
    answer_challenge(b, b"k")


@case
def address_type_unknown():
    Client(123)


@case
def family_unknown():
    Listener(family="AF_PIPE")


@case
def accept_after_close():
    listener = Listener()
    listener.close()
    listener.close()
    listener.accept()


@case
def client_missing_path():
    Client("/tmp/pymp-does-not-exist/listener-x")


def peer_gone(how, used=False):
    """The other end of a Pipe moved to a spawned child that ends without using it."""
    import multiprocessing, os, signal, time
    a, b = Pipe()
    if used:
        a.send("before")
        print(b.recv())
    p = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(0 if how == "exit" else 60,))
    p.held = b  # pickled with the process object: the child holds the end from its start
    p.start()
    b.close()
    if how == "kill":
        print(a.poll(0.2))  # the child lives on: nothing to read yet
        os.kill(p.pid, signal.SIGKILL)
    p.join()
    print(p.exitcode)
    attempt(a.poll, 10)
    attempt(a.recv)
    attempt(a.send, "x")
    attempt(a.send_bytes, b"x")
    attempt(a.recv_bytes)
    a.close()


@case
def peer_child_exited():
    peer_gone("exit")


@case
def peer_child_killed():
    peer_gone("kill")


@case
def peer_child_exited_after_use():
    peer_gone("exit", used=True)


@case
def peer_through_queue():
    """The other end of a Pipe goes through a queue to a spawned child that gets it and exits without using it."""
    import multiprocessing, operator
    ctx = multiprocessing.get_context("spawn")
    a, b = Pipe()
    q = ctx.Queue()
    p = ctx.Process(target=operator.methodcaller("get"), args=(q,))
    p.start()
    q.put(b)
    q.close()
    q.join_thread()  # b pickled by the feeder thread: this process's copy can go
    b.close()
    p.join()
    print(p.exitcode)
    attempt(a.poll, 10)
    attempt(a.recv)
    attempt(a.send, "x")
    attempt(a.recv_bytes)
    a.close()
