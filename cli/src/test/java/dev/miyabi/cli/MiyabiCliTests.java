package dev.miyabi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MiyabiCliTests {

    @Test
    void healthReportsAnUpServerWithExitCodeZero() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new MiyabiCli()).setOut(new PrintWriter(out));

            int exit = cli.execute(
                    "health", "--url", "http://127.0.0.1:" + server.getAddress().getPort());

            assertThat(exit).isZero();
            assertThat(out.toString()).contains(": UP");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void healthOfAnUnreachableServerFailsWithExitCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MiyabiCli()).setErr(new PrintWriter(err));

        int exit = cli.execute("health", "--url", "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unreachable");
    }
}
