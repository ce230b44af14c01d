package dev.pyconcurrent.multiprocessing;

/** {@code multiprocessing.AuthenticationError}: the HMAC challenge of a connection failed. */
public class AuthenticationError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public AuthenticationError(Object... args) {
        super(args);
    }
}
