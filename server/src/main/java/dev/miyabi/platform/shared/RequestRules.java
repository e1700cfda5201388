package dev.miyabi.platform.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Bean Validation rules of a request record as {@link FieldViolation}s, for a service that reports them
 * together with its own rules in one 400 {@code validation_failed} (a controller's {@code @Valid} would answer
 * before those rules ran). Fields are named like JSON paths: {@code stages[0].name}.
 */
@Component
public class RequestRules {

    private final Validator validator;

    RequestRules(Validator validator) {
        this.validator = validator;
    }

    /** The broken field rules of {@code request}, ordered by field; empty when it keeps them all. */
    public List<FieldViolation> violations(Object request) {
        return validator.validate(request).stream()
                .map(violation -> new FieldViolation(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList();
    }

    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }
}
