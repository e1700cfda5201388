package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a JSON request body that holds the NUL character ({@code \u0000}) in any string or name, however
 * deep (free-form inputs included): no PostgreSQL text or JSON column can hold it. 400 {@code
 * validation_failed} naming where it is.
 */
@ControllerAdvice
class NulCharacterCheck extends RequestBodyAdviceAdapter {

    private static final byte[] ESCAPED_NUL = "\\u0000".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper json;

    NulCharacterCheck(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body = input.getBody().readAllBytes();
        // JSON can carry a NUL only escaped; read the body's structure only when the escape is there.
        if (contains(body, ESCAPED_NUL)) {
            nulAt(body).ifPresent(field -> {
                throw ApiException.validation(field, "must not contain the NUL character");
            });
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    /** Where the first NUL is, as a field path ({@code input.learningObjectives[2]}); empty for malformed JSON. */
    private Optional<String> nulAt(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.PROPERTY_NAME || token == JsonToken.VALUE_STRING)
                        && parser.getString().indexOf('\0') >= 0) {
                    return Optional.of(
                            field(parser.streamReadContext().pathAsPointer().toString()));
                }
            }
        } catch (JacksonException malformed) {
            // The converter answers it as malformed_request.
        }
        return Optional.empty();
    }

    private static String field(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String step : pointer.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.chars().allMatch(Character::isDigit)) {
                field.append('[').append(step).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(step.replace("\0", ""));
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
