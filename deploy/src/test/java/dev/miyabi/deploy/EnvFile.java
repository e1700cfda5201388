package dev.miyabi.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kustomize env file ({@code NAME=value} lines): the settings it sets, and the ones it names in a
 * comment ({@code # NAME=default}) to document a default that applies while they stay unset.
 */
record EnvFile(Map<String, String> values, Set<String> documented) {

    private static final Pattern COMMENTED = Pattern.compile("^#\\s*([A-Z][A-Z0-9_]*)=.*");

    static EnvFile read(String relative) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> documented = new LinkedHashSet<>();
        for (String line : Repository.read(relative).lines().toList()) {
            String trimmed = line.strip();
            Matcher commented = COMMENTED.matcher(trimmed);
            if (commented.matches()) {
                documented.add(commented.group(1));
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(relative + ": not NAME=value: " + line);
                }
                values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return new EnvFile(values, documented);
    }

    /** Every name the file sets or documents. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>(values.keySet());
        names.addAll(documented);
        return names;
    }
}
