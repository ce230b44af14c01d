package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.util.List;

/** Where the kernel's evaluation side sends messages (implemented by the socket side, {@link Sockets}). */
interface Publisher {
    /** An iopub message belonging to the request whose header is {@code parentHeader}. */
    void publish(JsonObject parentHeader, String msgType, JsonObject content);

    /**
     * Sends an {@code input_request} on stdin and blocks until its reply; null when the channel is
     * closed; {@code InterruptedException} when the cell is interrupted ({@link #cancelInput}).
     */
    String requestInput(List<byte[]> identities, JsonObject parentHeader, String prompt, boolean password)
            throws InterruptedException;

    /** Ends a pending {@link #requestInput} with {@code InterruptedException} (the cell was interrupted). */
    void cancelInput();
}
