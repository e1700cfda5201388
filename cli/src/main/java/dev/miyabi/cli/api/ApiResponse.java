package dev.miyabi.cli.api;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A successful answer: its status, headers and the body exactly as the server sent it. */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    private static final JsonMapper JSON = Json.MAPPER;

    public JsonNode json() {
        return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
