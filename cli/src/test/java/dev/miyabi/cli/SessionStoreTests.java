package dev.miyabi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.api.Session;
import dev.miyabi.cli.api.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTests {

    @TempDir
    Path config;

    @Test
    void sessionsAreKeptPerServerInAFileOnlyTheUserCanRead() throws Exception {
        SessionStore store = new SessionStore(config.resolve("miyabi"));
        Session one = new Session("a@example.com", "access-1", Instant.parse("2030-01-01T00:00:00Z"), "refresh-1");
        Session two = new Session("b@example.com", "access-2", Instant.parse("2030-01-01T00:00:00Z"), "refresh-2");
        store.locked(s -> {
            s.put("http://one:8080", one);
            s.put("https://two", two);
            return null;
        });

        assertThat(store.find("http://one:8080")).contains(one);
        assertThat(store.find("https://two")).contains(two);
        assertThat(store.find("http://three")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("miyabi"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(store.file())).doesNotContain("password");
    }

    @Test
    void urlsAreNormalisedSoOneServerHasOneSession() {
        assertThat(MiyabiClient.normalize("HTTP://LocalHost:8080/")).isEqualTo("http://localhost:8080");
        assertThat(MiyabiClient.normalize("https://miyabi.example.com/base//"))
                .isEqualTo("https://miyabi.example.com/base");
    }

    @Test
    void anExpiredTokenIsRefreshedOnceEvenWhenEightClientsNeedItAtOnce() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (StubServer server = new StubServer()) {
            server.on("POST", "/api/auth/refresh", request -> {
                if (!request.body().contains("\"refresh-0\"")) {
                    // A spent token: the real server would now revoke the whole session.
                    return new StubServer.Answer(401, "{\"status\":401,\"code\":\"unauthorized\"}");
                }
                int n = refreshes.incrementAndGet();
                return new StubServer.Answer(
                        200,
                        "{\"accessToken\":\"access-" + n + "\",\"refreshToken\":\"refresh-" + n
                                + "\",\"expiresIn\":900}");
            });
            server.on(
                    "GET",
                    "/api/auth/me",
                    request -> "Bearer access-1".equals(request.authorization())
                            ? new StubServer.Answer(200, "{\"email\":\"a@example.com\"}")
                            : new StubServer.Answer(401, "{\"status\":401,\"code\":\"unauthorized\"}"));
            SessionStore store = new SessionStore(config.resolve("miyabi"));
            store.locked(s -> {
                s.put(
                        MiyabiClient.normalize(server.url()),
                        new Session("a@example.com", "access-0", Instant.now().minusSeconds(5), "refresh-0"));
                return null;
            });

            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // A client each, as separate processes would have.
                MiyabiClient client = new MiyabiClient(server.url(), new SessionStore(config.resolve("miyabi")));
                answers.add(clients.submit(() -> {
                    start.await();
                    return client.get("/api/auth/me").json().path("email").asString();
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("a@example.com");
            }
            clients.shutdown();
        }
        assertThat(refreshes).hasValue(1);
    }
}
