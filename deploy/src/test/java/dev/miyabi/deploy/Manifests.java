package dev.miyabi.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads Kubernetes and Knative manifests into fabric8's model classes. */
final class Manifests {

    private Manifests() {}

    /** Every document of a YAML file or text, typed by its apiVersion and kind. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines()
                    .anyMatch(line -> !line.isBlank() && !line.strip().startsWith("#"))) {
                resources.add(Serialization.unmarshal(document));
            }
        }
        return resources;
    }

    static <T> T parse(String yaml, Class<T> type) {
        return Serialization.unmarshal(yaml, type);
    }

    static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> found =
                resources.stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.getFirst();
    }

    /** {@code kubectl} on the PATH, which brings kustomize ({@code kubectl kustomize}). */
    static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The production overlay as {@code kubectl kustomize} renders it, with the secret files an
     * operator adds made up (secrets.env from secrets.env.example, a fresh JWT key) in a copy of
     * deploy/kubernetes.
     */
    static List<HasMetadata> renderProduction(Path kubectl, Path workDirectory) {
        try {
            Path tree = workDirectory.resolve("kubernetes");
            Path source = Repository.path("deploy/kubernetes");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = tree.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Path overlay = tree.resolve("overlays/production");
            Files.copy(overlay.resolve("secrets.env.example"), overlay.resolve("secrets.env"));
            Files.writeString(overlay.resolve("jwt-private-key.pem"), newPrivateKeyPem());
            Files.writeString(overlay.resolve("jwt-previous-public-keys.pem"), "");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize failed:\n" + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#8 RSA key in PEM, as MIYABI_JWT_PRIVATE_KEY takes it. */
    static String newPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fields the model classes did not recognise (fabric8 keeps them as "additional properties"
     * instead of failing): a misspelt or misplaced key, reported with its path.
     */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get"))) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field = path + "." + decapitalize(getter.getName().substring(3));
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                walk(child, field, unknown);
            }
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
