package dev.miyabi.cli.commands;

import dev.miyabi.cli.ExitCodes;
import dev.miyabi.cli.api.ApiException;
import picocli.CommandLine.Command;

/** Whether the server is up. */
@Command(name = "health", description = "Show whether the server is up (exit 0 when UP, 5 when unreachable).")
public final class HealthCommand extends Base {

    @Override
    protected int run() {
        String status;
        try {
            status = api().sendAnonymous("GET", "/actuator/health", null)
                    .json()
                    .path("status")
                    .asString("UNKNOWN");
        } catch (ApiException e) {
            status = e.problem().path("status").asString("HTTP " + e.status());
        }
        println(api().baseUrl() + ": " + status);
        return "UP".equals(status) ? 0 : ExitCodes.REFUSED;
    }
}
