package dev.miyabi.cli.commands;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.Session;
import dev.miyabi.cli.output.Formats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** Signing in and out, and who the session belongs to. */
public final class AuthCommands {

    private AuthCommands() {}

    /** Where the password comes from: stdin, {@code MIYABI_PASSWORD}, or a prompt without echo. */
    static final class PasswordSource {

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        String read(Base command, String prompt) {
            if (stdin) {
                try {
                    String line =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    if (line == null || line.isEmpty()) {
                        throw CliException.usage("No password on standard input.");
                    }
                    return line;
                } catch (IOException e) {
                    throw CliException.usage("Cannot read standard input: " + e.getMessage());
                }
            }
            String fromEnvironment = command.root().env().get("MIYABI_PASSWORD");
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                return fromEnvironment;
            }
            java.io.Console terminal = System.console();
            if (terminal == null) {
                throw CliException.usage(
                        "No terminal to ask for the password: use --password-stdin or MIYABI_PASSWORD.");
            }
            char[] password = terminal.readPassword(prompt);
            if (password == null || password.length == 0) {
                throw CliException.usage("No password given.");
            }
            return new String(password);
        }
    }

    static String askEmail(String given) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        java.io.Console terminal = System.console();
        if (terminal == null) {
            throw CliException.usage("Give --email (there is no terminal to ask for it).");
        }
        String email = terminal.readLine("Email: ");
        if (email == null || email.isBlank()) {
            throw CliException.usage("No email given.");
        }
        return email.strip();
    }

    @Command(
            name = "login",
            description = {
                "Sign in and keep the session for this server URL.",
                "The password is prompted without echo, read with --password-stdin, or taken from MIYABI_PASSWORD;"
                        + " it is never stored. Tokens go to $XDG_CONFIG_HOME/miyabi/sessions.json (mode 0600)."
            })
    public static final class Login extends Base {

        @Option(names = "--email", description = "Account email (prompted when missing).")
        String email;

        @Mixin
        PasswordSource password = new PasswordSource();

        @Override
        protected int run() {
            String account = askEmail(email);
            String secret = password.read(this, "Password: ");
            Map<String, String> body = new LinkedHashMap<>();
            body.put("email", account);
            body.put("password", secret);
            JsonNode answer =
                    api().sendAnonymous("POST", "/api/auth/login", body).json();
            api().saveSession(answer);
            JsonNode user = answer.path("user");
            println("Logged in to " + api().baseUrl() + " as "
                    + user.path("email").asString() + " (" + Roles.of(user) + ").");
            return 0;
        }
    }

    @Command(name = "register", description = "Create an account (a customer) and sign in with it.")
    public static final class Register extends Base {

        @Option(names = "--email", description = "Account email (prompted when missing).")
        String email;

        @Option(names = "--name", required = true, description = "Your name, as others see it.")
        String name;

        @Mixin
        PasswordSource password = new PasswordSource();

        @Override
        protected int run() {
            String account = askEmail(email);
            String secret = password.read(this, "Password (8–128 characters): ");
            Map<String, String> body = new LinkedHashMap<>();
            body.put("email", account);
            body.put("password", secret);
            body.put("name", name);
            JsonNode answer =
                    api().sendAnonymous("POST", "/api/auth/register", body).json();
            api().saveSession(answer);
            println("Registered and logged in to " + api().baseUrl() + " as "
                    + answer.path("user").path("email").asString() + ".");
            return 0;
        }
    }

    @Command(name = "logout", description = "End the session on the server and forget its tokens here.")
    public static final class Logout extends Base {

        @Override
        protected int run() {
            Optional<Session> session = api().session();
            if (session.isEmpty()) {
                println("Not logged in to " + api().baseUrl() + ".");
                return 0;
            }
            try {
                api().sendAnonymous(
                                "POST",
                                "/api/auth/logout",
                                Map.of("refreshToken", session.get().refreshToken()));
            } finally {
                // Forget the tokens even when the server cannot be told (it then expires them itself).
                api().forgetSession();
            }
            println("Logged out of " + api().baseUrl() + ".");
            return 0;
        }
    }

    @Command(name = "whoami", description = "Show the signed-in account (as the server sees it now).")
    public static final class Whoami extends ApiCommand {

        @Override
        ApiResponse request() {
            return api().get("/api/auth/me");
        }

        @Override
        void show(JsonNode me) {
            println(me.path("name").asString("") + " <" + me.path("email").asString() + ">");
            println("  id      " + me.path("id").asString());
            println("  roles   " + Roles.of(me));
            println("  since   " + Formats.time(me.path("createdAt")));
            println("  server  " + api().baseUrl());
        }
    }

    /** Role lists as words. */
    static final class Roles {
        static String of(JsonNode user) {
            StringBuilder roles = new StringBuilder();
            for (JsonNode role : user.path("roles")) {
                roles.append(roles.isEmpty() ? "" : ", ").append(role.asString());
            }
            return roles.toString();
        }
    }
}
