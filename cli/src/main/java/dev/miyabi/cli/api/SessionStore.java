package dev.miyabi.cli.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sessions of this user, one per server URL, in {@code $XDG_CONFIG_HOME/miyabi/sessions.json}
 * (else {@code ~/.config/miyabi/}): a directory of mode 0700 and a file of mode 0600, replaced
 * atomically. Changes happen under an exclusive lock on {@code sessions.lock}, so two clients
 * refreshing at once (a dashboard and a command) never both spend the same refresh token — the
 * server would take the second use for a stolen token and end the session.
 */
public final class SessionStore {

    private static final JsonMapper JSON = Json.MAPPER;
    /** File locks are per process; threads of one process take turns on this first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path directory;

    public SessionStore(Path directory) {
        this.directory = directory;
    }

    /** The store of the current user, honouring {@code XDG_CONFIG_HOME}. */
    public static SessionStore forUser(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new SessionStore(base.resolve("miyabi"));
    }

    public Path file() {
        return directory.resolve("sessions.json");
    }

    public Optional<Session> find(String serverUrl) {
        JsonNode entry = readAll().path(serverUrl);
        if (!entry.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Session(
                entry.path("email").asString(""),
                entry.path("accessToken").asString(""),
                Instant.parse(entry.path("accessTokenExpiresAt").asString("1970-01-01T00:00:00Z")),
                entry.path("refreshToken").asString("")));
    }

    /** Runs {@code change} holding the lock that every writer of this store takes. */
    public <T> T locked(LockedChange<T> change) {
        IN_PROCESS.lock();
        try {
            createDirectory();
            try (FileChannel channel = FileChannel.open(
                            directory.resolve("sessions.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return change.apply(this);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + directory.resolve("sessions.lock"), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Saves (or with {@code null} removes) the session of a server; call it inside {@link #locked}. */
    public void put(String serverUrl, Session session) {
        ObjectNode all = readAll();
        if (session == null) {
            all.remove(serverUrl);
        } else {
            ObjectNode entry = all.putObject(serverUrl);
            entry.put("email", session.email());
            entry.put("accessToken", session.accessToken());
            entry.put("accessTokenExpiresAt", session.accessTokenExpiresAt().toString());
            entry.put("refreshToken", session.refreshToken());
        }
        write(all);
    }

    private ObjectNode readAll() {
        Path file = file();
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (tools.jackson.core.JacksonException e) {
            // A damaged file is as good as none: the user logs in again.
            return JSON.createObjectNode();
        }
    }

    private void write(ObjectNode all) {
        try {
            Path temporary = Files.createTempFile(
                    directory,
                    "sessions",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(), e);
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // another client created it first
            }
        }
    }

    /** A read-modify-write of the store. */
    @FunctionalInterface
    public interface LockedChange<T> {
        T apply(SessionStore store);
    }
}
