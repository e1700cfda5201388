package dev.miyabi.platform.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP/1.1 server on a socket of its own, for the faults an HTTP library's mock server cannot
 * make: a connection accepted and never answered, headers sent and then the body stalled, a connection
 * reset. Each request is answered by the {@link Fault} the test's function picks for it; stalled
 * connections are held until the server closes. It records every request with how it ended.
 */
final class FaultyHttpServer implements AutoCloseable {

    /** A request as it arrived: its number (from 1), method, path, headers (lower-case names) and body. */
    record Request(int number, String method, String path, Map<String, String> headers, String body) {}

    /** What the server does with one request. */
    sealed interface Fault {

        /** Answers {@code status} with a JSON body and the given extra headers. */
        record Answer(int status, String body, Map<String, String> headers) implements Fault {}

        /** Accepts the request and never answers. */
        record Stall() implements Fault {}

        /** Sends the status line, the headers and half of the body, then nothing more. */
        record StallMidBody(String body) implements Fault {}

        /** Closes the connection with a TCP reset instead of answering. */
        record Reset() implements Fault {}

        static Fault ok(String body) {
            return new Answer(200, body, Map.of());
        }

        static Fault status(int status, String body, String... headers) {
            Map<String, String> extra = new LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                extra.put(headers[i], headers[i + 1]);
            }
            return new Answer(status, body, extra);
        }
    }

    private final ServerSocket socket;
    private final Function<Request, Fault> behaviour;
    private final AtomicInteger numbers = new AtomicInteger();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** How many stalled connections the client gave up on (closed) while the server held them. */
    private final AtomicInteger abandonedStalls = new AtomicInteger();

    private volatile boolean closed;

    FaultyHttpServer(Function<Request, Fault> behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("faulty-http-accept").start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    int abandonedStalls() {
        return abandonedStalls.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket connection = socket.accept();
                open.removeIf(Socket::isClosed);
                open.add(connection);
                Thread.ofVirtual().name("faulty-http-connection").start(() -> serve(connection));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("the faulty server stopped accepting", e);
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (!closed) {
                Request request = read(in);
                if (request == null) {
                    return;
                }
                received.add(request);
                switch (behaviour.apply(request)) {
                    case Fault.Answer answer -> write(out, answer.status(), answer.headers(), answer.body());
                    case Fault.Stall stall -> {
                        holdUntilClientGivesUp(in);
                        return;
                    }
                    case Fault.StallMidBody partial -> {
                        byte[] body = partial.body().getBytes(StandardCharsets.UTF_8);
                        out.write(head(200, Map.of(), body.length));
                        out.write(body, 0, body.length / 2);
                        out.flush();
                        holdUntilClientGivesUp(in);
                        return;
                    }
                    case Fault.Reset reset -> {
                        connection.setSoLinger(true, 0);
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        }
    }

    /** Blocks until the client closes its side (or the server closes). */
    private void holdUntilClientGivesUp(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // Discard: a client that gave up sends nothing more.
            }
            abandonedStalls.incrementAndGet();
        } catch (SocketException e) {
            if (!closed) {
                abandonedStalls.incrementAndGet();
            }
        }
    }

    private @Nullable Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] start = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(
                numbers.incrementAndGet(), start[0], start[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(head(status, headers, bytes.length));
        out.write(bytes);
        out.flush();
    }

    private static byte[] head(int status, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(status < 300 ? " OK" : " Error")
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(length)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
