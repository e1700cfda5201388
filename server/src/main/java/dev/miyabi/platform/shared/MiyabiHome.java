package dev.miyabi.platform.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory for local state of a zero-setup run ({@code ./.miyabi} unless {@code miyabi.home}
 * says otherwise): the embedded database, a generated signing key, the generated admin password.
 * It holds secrets, so it is created readable by its owner only.
 */
public final class MiyabiHome {

    private MiyabiHome() {}

    public static Path ensure(Path home) {
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home);
                restrict(home, "rwx------");
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Miyabi home directory " + home.toAbsolutePath(), e);
        }
    }

    /** Writes a secret file readable by its owner only; the permissions are set before the content. */
    public static void writeSecret(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".secret");
            restrict(tmp, "rw-------");
            Files.writeString(tmp, content);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
