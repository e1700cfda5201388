package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.LlmRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a JSON document valid against a JSON Schema (2020-12) from the schema itself, for offline
 * tasks without a responder: objects with their required and optional properties, arrays within
 * {@code minItems}/{@code maxItems} (and {@code prefixItems}, {@code uniqueItems}), enums and
 * consts, strings within {@code minLength}/{@code maxLength} matching {@code pattern} and {@code
 * format}, numbers within their bounds and {@code multipleOf}, {@code $ref}/{@code $defs}, {@code
 * allOf} (merged), {@code anyOf}/{@code oneOf} (the first non-null branch). Text comes from the
 * request: a property named like a variable takes its value, titles and descriptions speak of the
 * topic, lists of objectives reuse the objectives. Everything is a function of the request and the
 * seed — the same input gives the same document.
 */
final class SchemaSampler {

    private static final int MAX_DEPTH = 12;
    private static final int MAX_REF_HOPS = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> TITLE_WORDS =
            Set.of("title", "name", "heading", "headline", "label", "caption", "subject");
    private static final Set<String> MARKDOWN_WORDS = Set.of("content", "markdown", "md");
    private static final Set<String> PROSE_WORDS = Set.of(
            "body",
            "description",
            "summary",
            "overview",
            "abstract",
            "explanation",
            "introduction",
            "conclusion",
            "details",
            "rationale",
            "strategy",
            "notes",
            "answer",
            "feedback",
            "text",
            "message",
            "comment",
            "purpose",
            "context",
            "instructions",
            "solution",
            "hint",
            "outcome",
            "reason");

    private final JsonNode root;
    private final LlmRequest request;
    private final OfflineText text;
    private final long seed;
    private final Deque<String> expanding = new ArrayDeque<>();

    SchemaSampler(JsonNode root, LlmRequest request, long seed) {
        this.root = root;
        this.request = request;
        this.text = new OfflineText(request);
        this.seed = seed;
    }

    JsonNode sample() {
        return node(root, "$", "", "", -1, 0);
    }

    /**
     * @param property the name this value has in its object ("" at the root)
     * @param container the list the value (or its enclosing object) is an item of ("" if none)
     * @param index its position in that list, -1 if none
     */
    private JsonNode node(JsonNode schema, String path, String property, String container, int index, int depth) {
        String ref = reference(schema);
        if (ref == null) {
            return generate(schema, path, property, container, index, depth);
        }
        expanding.push(ref);
        try {
            return generate(schema, path, property, container, index, depth);
        } finally {
            expanding.pop();
        }
    }

    /** The {@code $ref} of a schema, if it is one. */
    private static @Nullable String reference(JsonNode schema) {
        return schema.isObject() && schema.has("$ref") ? schema.get("$ref").asString() : null;
    }

    /** Whether a schema refers to one being expanded already (a recursive structure). */
    private boolean recursive(JsonNode schema) {
        String ref = reference(schema);
        // One level of a recursive structure is shown; below that it has as little as it must.
        return ref != null && java.util.Collections.frequency(expanding, ref) >= 2;
    }

    private JsonNode generate(JsonNode schema, String path, String property, String container, int index, int depth) {
        JsonNode s = resolve(schema, 0);
        if (!s.isObject()) {
            return NODES.stringNode(
                    fitString(text.phrase(property.isEmpty() ? "value" : property, index), NODES.objectNode(), path));
        }
        if (s.has("const")) {
            return s.get("const").deepCopy();
        }
        if (s.has("enum") && s.get("enum").isArray() && !s.get("enum").isEmpty()) {
            return pickEnum(s.get("enum"), property, path);
        }
        return switch (type(s)) {
            case "object" -> object(s, path, container, index, depth);
            case "array" -> array(s, path, property, depth);
            case "integer" -> NODES.numberNode(number(s, path, property, true).toBigIntegerExact());
            case "number" -> NODES.numberNode(number(s, path, property, false));
            case "boolean" -> NODES.booleanNode((hash(path) & 1) == 0);
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(string(s, path, property, container, index));
        };
    }

    private ObjectNode object(JsonNode s, String path, String container, int index, int depth) {
        ObjectNode out = NODES.objectNode();
        Set<String> required = new LinkedHashSet<>();
        s.path("required").values().forEach(name -> required.add(name.asString()));
        JsonNode properties = s.path("properties");
        for (String name : properties.propertyNames()) {
            boolean optional = !required.contains(name);
            if (optional && (depth >= MAX_DEPTH || recursive(properties.get(name)))) {
                continue;
            }
            out.set(name, node(properties.get(name), path + "." + name, name, container, index, depth + 1));
        }
        JsonNode additional = s.get("additionalProperties");
        JsonNode extraSchema = additional != null && additional.isObject() ? additional : NODES.objectNode();
        for (String name : required) {
            if (!out.has(name)) {
                out.set(
                        name,
                        node(
                                patternSchema(s, name).orElse(extraSchema),
                                path + "." + name,
                                name,
                                container,
                                index,
                                depth + 1));
            }
        }
        int minProperties = s.path("minProperties").asInt(0);
        boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean();
        for (int i = 1; out.size() < minProperties && !closed && i < 1000; i++) {
            String name = "item" + i;
            if (!out.has(name)) {
                out.set(name, node(extraSchema, path + "." + name, name, container, index, depth + 1));
            }
        }
        return out;
    }

    private Optional<JsonNode> patternSchema(JsonNode s, String name) {
        for (var entry : s.path("patternProperties").properties()) {
            try {
                if (Pattern.compile(entry.getKey()).matcher(name).find()) {
                    return Optional.of(entry.getValue());
                }
            } catch (PatternSyntaxException ignored) {
                // A pattern Java cannot read cannot be matched either: the name falls to additionalProperties.
            }
        }
        return Optional.empty();
    }

    private ArrayNode array(JsonNode s, String path, String property, int depth) {
        int min = s.path("minItems").asInt(0);
        int max = s.has("maxItems") ? s.get("maxItems").asInt() : Integer.MAX_VALUE;
        JsonNode prefix = s.path("prefixItems");
        JsonNode items = s.get("items");
        boolean closedTuple = items != null && items.isBoolean() && !items.asBoolean();
        if (closedTuple) {
            max = Math.min(max, prefix.size());
        }
        List<String> given = request.texts(property);
        int preferred = !given.isEmpty() ? given.size() : Math.max(3, prefix.size());
        if (depth >= MAX_DEPTH || (items != null && recursive(items))) {
            // A recursive structure ends where its schema allows: as few items as it must have.
            preferred = 0;
        }
        int count = Math.max(min, Math.min(preferred, max));
        boolean unique = s.path("uniqueItems").asBoolean(false);
        ArrayNode out = NODES.arrayNode();
        Set<JsonNode> seen = new LinkedHashSet<>();
        for (int i = 0; out.size() < count && i < count + 16; i++) {
            JsonNode itemSchema =
                    i < prefix.size() ? prefix.get(i) : items != null && items.isObject() ? items : NODES.objectNode();
            if (i == 0 && s.has("contains") && s.get("contains").isObject()) {
                itemSchema = s.get("contains");
            }
            String itemPath = path + "[" + i + "]";
            JsonNode item;
            JsonNode resolved = resolve(itemSchema, 0);
            if (i < given.size()
                    && "string".equals(type(resolved))
                    && !resolved.has("enum")
                    && !resolved.has("const")) {
                item = NODES.stringNode(fitString(given.get(i), resolved, itemPath));
            } else {
                item = node(itemSchema, itemPath, property, property, out.size(), depth + 1);
            }
            if (unique && !seen.add(item)) {
                continue;
            }
            out.add(item);
        }
        return out;
    }

    private String string(JsonNode s, String path, String property, String container, int index) {
        String format = s.path("format").asString("");
        Optional<String> formatted = formatted(format, path);
        if (formatted.isPresent()) {
            return fitString(formatted.get(), s, path);
        }
        String name = property.toLowerCase(Locale.ROOT);
        int shift = outerShift(path);
        String value;
        Optional<String> variable = request.text(property);
        if (variable.isPresent() && !property.isEmpty() && index < 0) {
            value = variable.get();
        } else if (name.equals("language") || name.equals("lang") || name.equals("locale")) {
            value = request.language();
        } else if (index >= 0 && property.equals(container)) {
            value = text.listItem(property, index, shift);
        } else if (matches(name, TITLE_WORDS)) {
            value = text.title(container, index, shift);
        } else if (name.contains("question")) {
            value = text.question(index, shift);
        } else if (matches(name, MARKDOWN_WORDS)) {
            value = text.markdown(text.title(container, index, shift), index + shift, hash(path));
        } else if (matches(name, PROSE_WORDS) || name.isEmpty()) {
            value = text.sentences(index < 0 ? index : index + shift, name.equals("body") ? 3 : 2, hash(path));
        } else {
            value = text.phrase(property, index);
        }
        return fitString(value, s, path);
    }

    /** The sum of the positions of the enclosing lists: {@code $.modules[1].lessons[2].title} → 1. */
    private static int outerShift(String path) {
        int last = path.lastIndexOf('[');
        int shift = 0;
        java.util.regex.Matcher positions = POSITION.matcher(path);
        while (positions.find() && positions.start() < last) {
            shift += Integer.parseInt(positions.group(1));
        }
        return shift;
    }

    private static final Pattern POSITION = Pattern.compile("\\[(\\d+)]");

    private static boolean matches(String name, Set<String> words) {
        for (String word : words) {
            if (name.equals(word) || name.endsWith(word)) {
                return true;
            }
        }
        return false;
    }

    /** The text, made to fit the schema's length bounds and pattern. */
    private String fitString(String value, JsonNode s, String path) {
        int min = s.path("minLength").asInt(0);
        int max = s.has("maxLength") ? s.get("maxLength").asInt() : Integer.MAX_VALUE;
        String pattern = s.has("pattern") ? s.get("pattern").asString() : null;
        String fitted = fitLength(value, min, max);
        if (pattern != null && !find(pattern, fitted)) {
            fitted = RegexSampler.sample(pattern, hash(path), min, max).orElse(fitted);
        }
        return fitted;
    }

    private String fitLength(String value, int min, int max) {
        StringBuilder out = new StringBuilder(value);
        for (int round = 0; length(out) < min && round < 10_000; round++) {
            if (!text.japanese() && !out.isEmpty()) {
                out.append(Character.isLetterOrDigit(out.charAt(out.length() - 1)) ? ". " : " ");
            }
            out.append(text.filler(round));
        }
        if (length(out) <= max) {
            return out.toString();
        }
        String cut = out.substring(0, out.offsetByCodePoints(0, max));
        int space = cut.lastIndexOf(' ');
        if (space > 0 && length(cut.substring(0, space)) >= Math.max(min, max * 6 / 10)) {
            cut = cut.substring(0, space);
        }
        String trimmed = cut.replaceAll("[\\s,;:—-]+$", "");
        return length(trimmed) >= min ? trimmed : cut;
    }

    private static int length(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }

    private static boolean find(String pattern, String value) {
        try {
            return Pattern.compile(pattern).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    private Optional<String> formatted(String format, String path) {
        long h = hash(path);
        int day = (int) Math.floorMod(h, 28) + 1;
        return Optional.ofNullable(
                switch (format) {
                    case "date-time" -> "2025-01-%02dT09:00:00Z".formatted(day);
                    case "date" -> "2025-01-%02d".formatted(day);
                    case "time" -> "09:%02d:00Z".formatted(Math.floorMod(h, 60));
                    case "duration" -> "PT" + (Math.floorMod(h, 90) + 10) + "M";
                    case "email", "idn-email" -> OfflineText.slug(text.subject()) + "@example.com";
                    case "uri", "iri", "uri-reference", "iri-reference" ->
                        "https://example.com/" + OfflineText.slug(text.subject());
                    case "hostname", "idn-hostname" -> "example.com";
                    case "ipv4" -> "192.0.2." + (Math.floorMod(h, 254) + 1);
                    case "ipv6" -> "2001:db8::" + Integer.toHexString((int) Math.floorMod(h, 65535) + 1);
                    case "uuid" ->
                        UUID.nameUUIDFromBytes((seed + path).getBytes(StandardCharsets.UTF_8))
                                .toString();
                    default -> null;
                });
    }

    private BigDecimal number(JsonNode s, String path, String property, boolean integer) {
        BigDecimal low = s.has("minimum") ? s.get("minimum").decimalValue() : null;
        BigDecimal high = s.has("maximum") ? s.get("maximum").decimalValue() : null;
        BigDecimal exclusiveLow =
                s.has("exclusiveMinimum") && s.get("exclusiveMinimum").isNumber()
                        ? s.get("exclusiveMinimum").decimalValue()
                        : null;
        BigDecimal exclusiveHigh =
                s.has("exclusiveMaximum") && s.get("exclusiveMaximum").isNumber()
                        ? s.get("exclusiveMaximum").decimalValue()
                        : null;
        BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.01");
        if (exclusiveLow != null) {
            BigDecimal bound =
                    integer ? exclusiveLow.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE) : exclusiveLow.add(step);
            low = low == null || bound.compareTo(low) > 0 ? bound : low;
        }
        if (exclusiveHigh != null) {
            BigDecimal bound = integer
                    ? exclusiveHigh.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE)
                    : exclusiveHigh.subtract(step);
            high = high == null || bound.compareTo(high) < 0 ? bound : high;
        }
        if (integer) {
            low = low == null ? null : low.setScale(0, RoundingMode.CEILING);
            high = high == null ? null : high.setScale(0, RoundingMode.FLOOR);
        }
        BigDecimal value = preferredNumber(property, path, low, high, integer);
        if (low != null && value.compareTo(low) < 0) {
            value = low;
        }
        if (high != null && value.compareTo(high) > 0) {
            value = high;
        }
        if (s.has("multipleOf")
                && s.get("multipleOf").isNumber()
                && s.get("multipleOf").decimalValue().signum() > 0) {
            BigDecimal factor = s.get("multipleOf").decimalValue();
            BigDecimal up = value.divide(factor, 0, RoundingMode.CEILING).multiply(factor);
            value = high == null || up.compareTo(high) <= 0
                    ? up
                    : value.divide(factor, 0, RoundingMode.FLOOR).multiply(factor);
        }
        if (integer) {
            return value.setScale(0, RoundingMode.HALF_UP);
        }
        return value.stripTrailingZeros().scale() < 0
                ? value.setScale(0, RoundingMode.UNNECESSARY)
                : value.stripTrailingZeros();
    }

    private BigDecimal preferredNumber(
            String property, String path, @Nullable BigDecimal low, @Nullable BigDecimal high, boolean integer) {
        Object given = request.variables().get(property);
        if (given instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        String name = property.toLowerCase(Locale.ROOT);
        long h = hash(path);
        boolean named = name.contains("minute")
                || name.contains("hour")
                || name.contains("index")
                || name.endsWith("position")
                || name.contains("year")
                || name.contains("percent")
                || name.contains("score");
        if (!named && low != null && high != null && high.compareTo(low) > 0) {
            // Somewhere inside the bounds, not stuck on one of them.
            BigDecimal fraction = BigDecimal.valueOf(Math.floorMod(h, 101)).movePointLeft(2);
            BigDecimal value = low.add(high.subtract(low).multiply(fraction));
            return integer ? value.setScale(0, RoundingMode.HALF_UP) : value.setScale(2, RoundingMode.HALF_UP);
        }
        if (name.contains("minute")) {
            return BigDecimal.valueOf(20 + Math.floorMod(h, 5) * 5);
        }
        if (name.contains("hour")) {
            return BigDecimal.valueOf(1 + Math.floorMod(h, 4));
        }
        if (name.contains("index") || name.endsWith("position")) {
            return BigDecimal.valueOf(Math.floorMod(h, 4));
        }
        if (name.contains("year")) {
            return BigDecimal.valueOf(2025);
        }
        if (name.contains("percent") || name.contains("score")) {
            return BigDecimal.valueOf(60 + Math.floorMod(h, 40));
        }
        return BigDecimal.valueOf(1 + Math.floorMod(h, 9));
    }

    private JsonNode pickEnum(JsonNode values, String property, String path) {
        Optional<String> given = request.text(property);
        if (given.isPresent()) {
            for (JsonNode value : values.values()) {
                if (value.isString() && value.asString().equals(given.get())) {
                    return value.deepCopy();
                }
            }
        }
        List<JsonNode> candidates = new ArrayList<>();
        values.values().forEach(value -> {
            if (!value.isNull()) {
                candidates.add(value);
            }
        });
        if (candidates.isEmpty()) {
            return NODES.nullNode();
        }
        return candidates
                .get((int) Math.floorMod(hash(path), candidates.size()))
                .deepCopy();
    }

    /** The effective type: the first non-null of {@code type}, else what the keywords imply. */
    private static String type(JsonNode s) {
        JsonNode type = s.get("type");
        if (type != null && type.isString()) {
            return type.asString();
        }
        if (type != null && type.isArray()) {
            for (JsonNode option : type.values()) {
                if (!option.asString().equals("null")) {
                    return option.asString();
                }
            }
            return "null";
        }
        if (s.has("properties") || s.has("required") || s.has("additionalProperties") || s.has("patternProperties")) {
            return "object";
        }
        if (s.has("items") || s.has("prefixItems") || s.has("minItems") || s.has("maxItems") || s.has("contains")) {
            return "array";
        }
        if (s.has("minimum")
                || s.has("maximum")
                || s.has("exclusiveMinimum")
                || s.has("exclusiveMaximum")
                || s.has("multipleOf")) {
            return "number";
        }
        return "string";
    }

    /** The schema with {@code $ref}, {@code allOf}, {@code anyOf} and {@code oneOf} worked out. */
    private JsonNode resolve(JsonNode schema, int hops) {
        if (!schema.isObject() || hops > MAX_REF_HOPS) {
            return schema.isObject() ? schema : NODES.objectNode();
        }
        if (schema.has("$ref")) {
            JsonNode target = reference(schema.get("$ref").asString());
            return resolve(merge(resolve(target, hops + 1), without(schema, "$ref")), hops + 1);
        }
        if (schema.has("allOf") && schema.get("allOf").isArray()) {
            JsonNode merged = without(schema, "allOf");
            for (JsonNode part : schema.get("allOf").values()) {
                merged = merge(merged, resolve(part, hops + 1));
            }
            return resolve(merged, hops + 1);
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (schema.has(keyword)
                    && schema.get(keyword).isArray()
                    && !schema.get(keyword).isEmpty()) {
                JsonNode chosen = null;
                for (JsonNode branch : schema.get(keyword).values()) {
                    JsonNode resolved = resolve(branch, hops + 1);
                    if (!"null".equals(type(resolved)) || resolved.has("properties")) {
                        chosen = resolved;
                        break;
                    }
                }
                if (chosen == null) {
                    chosen = resolve(schema.get(keyword).get(0), hops + 1);
                }
                return resolve(merge(without(schema, keyword), chosen), hops + 1);
            }
        }
        return schema;
    }

    private JsonNode reference(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (ref.startsWith("#/")) {
            JsonNode target = root.at(ref.substring(1));
            if (!target.isMissingNode()) {
                return target;
            }
        }
        // Remote or unknown references cannot be followed offline: any value will do.
        return NODES.objectNode();
    }

    private static ObjectNode without(JsonNode schema, String keyword) {
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.remove(keyword);
        return copy;
    }

    /** Both schemas' constraints in one (for allOf and $ref siblings): the tighter bound wins. */
    private static JsonNode merge(JsonNode base, JsonNode extra) {
        if (!base.isObject()) {
            return extra;
        }
        if (!extra.isObject()) {
            return base;
        }
        ObjectNode out = ((ObjectNode) base).deepCopy();
        for (Map.Entry<String, JsonNode> entry : extra.properties()) {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode existing = out.get(keyword);
            if (existing == null) {
                out.set(keyword, value.deepCopy());
                continue;
            }
            switch (keyword) {
                case "properties" -> {
                    ObjectNode properties = ((ObjectNode) existing).deepCopy();
                    value.properties().forEach(property -> {
                        JsonNode current = properties.get(property.getKey());
                        properties.set(
                                property.getKey(),
                                current == null ? property.getValue() : merge(current, property.getValue()));
                    });
                    out.set("properties", properties);
                }
                case "required" -> {
                    Set<String> names = new LinkedHashSet<>();
                    existing.values().forEach(name -> names.add(name.asString()));
                    value.values().forEach(name -> names.add(name.asString()));
                    ArrayNode merged = NODES.arrayNode();
                    names.forEach(merged::add);
                    out.set("required", merged);
                }
                case "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties" -> {
                    if (value.isNumber()
                            && existing.isNumber()
                            && value.decimalValue().compareTo(existing.decimalValue()) > 0) {
                        out.set(keyword, value);
                    }
                }
                case "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties" -> {
                    if (value.isNumber()
                            && existing.isNumber()
                            && value.decimalValue().compareTo(existing.decimalValue()) < 0) {
                        out.set(keyword, value);
                    }
                }
                case "type" -> {
                    if (existing.isArray() && value.isString()) {
                        out.set("type", value);
                    }
                }
                default -> {
                    // The first schema's value stands.
                }
            }
        }
        return out;
    }

    private long hash(String path) {
        long z = seed ^ (path.hashCode() * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
