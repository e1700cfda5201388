package dev.miyabi.platform.realtime.web;

import org.springframework.web.socket.CloseStatus;

/** The close codes of {@code /ws} (API.md and docs/api.md). */
final class RealtimeCloseStatus {

    /** A bad token, or a message other than {@code auth}/{@code ping} before authentication. */
    static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "unauthorized");

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "access token expired");

    static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4408, "authentication timeout");

    /** The send queue overflowed: the client reads more slowly than events arrive. */
    static final CloseStatus SLOW_CONSUMER = new CloseStatus(1008, "slow consumer: send queue overflowed");

    /** One write stayed blocked past the send timeout. */
    static final CloseStatus SEND_TIMEOUT = new CloseStatus(1008, "slow consumer: send timed out");

    static final CloseStatus SHUTDOWN = new CloseStatus(1001, "server shutting down");

    private RealtimeCloseStatus() {}

    /** The metric tag for a close the server initiated. */
    static String reason(CloseStatus status) {
        return switch (status.getCode()) {
            case 4401 -> status.equals(TOKEN_EXPIRED) ? "token_expired" : "unauthorized";
            case 4408 -> "auth_timeout";
            case 1008 -> "slow_consumer";
            case 1001 -> "shutdown";
            default -> "other";
        };
    }
}
