package dev.pyconcurrent.multiprocessing;

/** {@code multiprocessing.BufferTooShort}: raised by {@code Connection.recvBytesInto} when the message does not fit; its argument is the whole message. */
public class BufferTooShort extends ProcessError {
    private static final long serialVersionUID = 1L;

    public BufferTooShort(Object... args) {
        super(args);
    }
}
