package dev.miyabi.platform.shared.web;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;

/**
 * Enum constants by the names clients see: the {@link JsonValue} of an enum that has one ({@code
 * awaiting_approval}), else the constant's name. Query parameters typed as such an enum are read by these names
 * (a blank one is absent; Spring's own fallback still takes a constant's Java name, {@code AWAITING_APPROVAL});
 * anything else is 400 {@code validation_failed} listing them ({@link ApiExceptionHandler}).
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class EnumWireNames implements ConverterFactory<String, Enum> {

    /** The constants of {@code type} by their wire names, in declaration order. */
    static Map<String, Enum<?>> of(Class<?> type) {
        Method wireName = Arrays.stream(type.getMethods())
                .filter(method -> method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0)
                .findFirst()
                .orElse(null);
        Map<String, Enum<?>> constants = new LinkedHashMap<>();
        for (Object constant : type.getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            String name = value.name();
            if (wireName != null) {
                try {
                    name = String.valueOf(wireName.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("The @JsonValue of " + type.getName() + " cannot be read", e);
                }
            }
            constants.put(name, value);
        }
        return constants;
    }

    static List<String> names(Class<?> type) {
        return new ArrayList<>(of(type).keySet());
    }

    @Override
    public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
        Class<?> type = targetType.isEnum() ? targetType : targetType.getSuperclass();
        Map<String, Enum<?>> constants = of(type);
        return source -> {
            if (source.isBlank()) {
                return null;
            }
            @Nullable Enum<?> value = constants.get(source);
            if (value == null) {
                throw new IllegalArgumentException("No " + type.getSimpleName() + " named " + source);
            }
            return (T) value;
        };
    }
}
