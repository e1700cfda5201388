package dev.miyabi.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's {@code Dockerfile}, read into its stages and instructions (continuation lines
 * joined, comments dropped): enough to check it and to start the jar the way its last stage does.
 */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, String arguments) {

        /** An exec-form argument list ({@code ["java", "-jar", "app.jar"]}). */
        List<String> execForm() {
            String json = arguments.substring(arguments.indexOf('['));
            try {
                return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {});
            } catch (Exception e) {
                throw new IllegalArgumentException(keyword + " is not in exec form: " + arguments, e);
            }
        }
    }

    record Stage(String baseImage, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
        }

        /** The stage's ENV, in order ({@code ENV A=1 B=2}). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");
            for (Instruction instruction : all("ENV")) {
                Matcher matcher = pair.matcher(instruction.arguments());
                while (matcher.find()) {
                    env.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
                }
            }
            return env;
        }
    }

    static Dockerfile read() {
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : Repository.read("Dockerfile").lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            String keyword = text.substring(0, space).toUpperCase(java.util.Locale.ROOT);
            String arguments = text.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] parts = arguments.split("\\s+");
                String name = parts.length == 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : null;
                stages.add(new Stage(parts[0], name, new ArrayList<>()));
            } else {
                stages.getLast().instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(stages);
    }

    Stage runtime() {
        return stages.getLast();
    }

    Stage stage(String name) {
        return stages.stream()
                .filter(stage -> name.equals(stage.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
    }
}
