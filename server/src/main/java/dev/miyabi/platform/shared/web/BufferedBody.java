package dev.miyabi.platform.shared.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A request body read once into memory and handed out again, for the filters that look at a body before
 * the controller reads it (the idempotency fingerprint, the card-number check).
 */
public final class BufferedBody {

    private BufferedBody() {}

    /** A fresh blocking stream over the bytes. */
    public static ServletInputStream stream(byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("Asynchronous reads are not supported");
            }
        };
    }

    /** A reader over the bytes in the request's character encoding (UTF-8 when it names none). */
    public static BufferedReader reader(byte[] body, @Nullable String encoding) {
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(stream(body), charset));
    }
}
