package dev.miyabi.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What the server reads, derived from its own documentation and configuration: the environment
 * variables of the README's configuration table and the {@code ${VAR:default}} placeholders of {@code
 * application.yml}; and the actuator paths it serves, from {@code application.yml}'s management
 * settings.
 */
final class ServerSettings {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*(<[A-Z]+>)?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern MENTIONED = Pattern.compile("`(MIYABI_[A-Z0-9_]+)`");

    /**
     * One setting of the README's table: the names it may be set under (alternatives such as {@code
     * ANTHROPIC_API_KEY} or {@code MIYABI_LLM_ANTHROPIC_API_KEY}).
     */
    record Setting(String label, Predicate<String> name) {}

    private ServerSettings() {}

    /** Each setting of the README's configuration table. */
    static List<Setting> readmeSettings() {
        List<Setting> settings = new ArrayList<>();
        for (String row : configurationRows()) {
            String first = row.split("\\|")[1];
            String full = null;
            for (String name : backticked(first)) {
                if (name.startsWith("_") && full != null) {
                    // "`A` / `_B`": B shares a prefix of A; which one the table does not say, so
                    // every prefix of A counts.
                    Set<String> candidates = candidates(full, name);
                    settings.add(new Setting(name, candidates::contains));
                } else if (NAME.matcher(name).matches()) {
                    Predicate<String> matches = matcher(name);
                    if (first.contains("(or `" + name + "`)")) {
                        Setting previous = settings.removeLast();
                        settings.add(new Setting(
                                previous.label() + " or " + name,
                                previous.name().or(matches)));
                    } else {
                        full = name;
                        settings.add(new Setting(name, matches));
                    }
                }
            }
        }
        return settings;
    }

    /** Whether the server reads an environment variable of that name. */
    static boolean reads(String variable) {
        return readmeSettings().stream().anyMatch(setting -> setting.name().test(variable))
                || mentionedInTable().contains(variable)
                || placeholders().contains(variable);
    }

    /** The variables {@code application.yml} names in placeholders. */
    static Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Repository.read("server/src/main/resources/application.yml"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** {@code spring.lifecycle.timeout-per-shutdown-phase} of {@code application.yml}. */
    static Duration lifecyclePhaseTimeout() {
        Map<String, Object> spring = map(applicationYml().get("spring"));
        return duration(String.valueOf(map(spring.get("lifecycle")).get("timeout-per-shutdown-phase")));
    }

    /** A duration as Spring Boot writes them here: {@code 500ms}, {@code 25s}, {@code 2m}, {@code 1h}. */
    static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The README's default of a setting (the second column, without backticks). */
    static String readmeDefault(String variable) {
        for (String row : configurationRows()) {
            String[] columns = row.split("\\|");
            if (backticked(columns[1]).contains(variable)) {
                return backticked(columns[2]).getFirst();
            }
        }
        throw new IllegalArgumentException(variable + " is not in the README's configuration table");
    }

    /** The HTTP paths of the actuator endpoints the server exposes, with its health groups. */
    static Set<String> actuatorPaths() {
        Map<String, Object> management = map(applicationYml().get("management"));
        Map<String, Object> web = map(map(management.get("endpoints")).get("web"));
        Object basePath = web.get("base-path");
        String base = basePath == null ? "/actuator" : basePath.toString();
        Set<String> paths = new LinkedHashSet<>();
        for (String endpoint :
                String.valueOf(map(web.get("exposure")).get("include")).split(",")) {
            paths.add(base + "/" + endpoint.strip());
        }
        Map<String, Object> health = map(map(management.get("endpoint")).get("health"));
        if (paths.contains(base + "/health")) {
            if (Boolean.TRUE.equals(map(health.get("probes")).get("enabled"))) {
                paths.add(base + "/health/liveness");
                paths.add(base + "/health/readiness");
            }
            map(health.get("group")).keySet().forEach(group -> paths.add(base + "/health/" + group));
        }
        return paths;
    }

    private static Set<String> candidates(String full, String suffix) {
        Set<String> candidates = new LinkedHashSet<>();
        String prefix = full;
        int cut;
        while ((cut = prefix.lastIndexOf('_')) > "MIYABI".length()) {
            prefix = prefix.substring(0, cut);
            candidates.add(prefix + suffix);
        }
        return candidates;
    }

    /** {@code MIYABI_JOBS_CONCURRENCY_<TYPE>} stands for any type. */
    private static Predicate<String> matcher(String name) {
        return Pattern.compile(name.replaceAll("<[A-Z]+>", "[A-Z0-9_]+")).asMatchPredicate();
    }

    private static Set<String> mentionedInTable() {
        Set<String> names = new LinkedHashSet<>();
        for (String row : configurationRows()) {
            Matcher matcher = MENTIONED.matcher(row);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static List<String> configurationRows() {
        String readme = Repository.read("README.md");
        int start = readme.indexOf("## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        List<String> rows = readme.substring(start, end)
                .lines()
                .filter(line -> line.startsWith("| `"))
                .toList();
        if (rows.size() < 20) {
            throw new IllegalStateException("README.md's configuration table was not found");
        }
        return rows;
    }

    private static List<String> backticked(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("`([^`]*)`").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, Object> applicationYml() {
        return new Yaml().load(Repository.read("server/src/main/resources/application.yml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
