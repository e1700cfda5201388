package dev.miyabi.cli.commands;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JSON document given as {@code FILE}, or {@code -} for standard input. */
final class InputFile {

    private static final JsonMapper JSON = Json.MAPPER;

    private InputFile() {}

    static JsonNode read(String source) {
        String text;
        try {
            text = "-".equals(source)
                    ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source));
        } catch (IOException e) {
            throw CliException.usage("Cannot read " + source + ": " + e.getMessage());
        }
        try {
            return JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            throw CliException.usage(source + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
