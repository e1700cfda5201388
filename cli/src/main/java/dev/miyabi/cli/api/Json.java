package dev.miyabi.cli.api;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the client: building one costs more than a whole command's parsing. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}
}
