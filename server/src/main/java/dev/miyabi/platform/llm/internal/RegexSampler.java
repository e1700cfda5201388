package dev.miyabi.platform.llm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Produces a string matching a JSON Schema {@code pattern} for the offline provider. It understands
 * the subset schemas use in practice — literals, classes ({@code [a-z0-9_-]}, {@code [^...]}),
 * {@code \d \w \s .}, groups with alternation, and the quantifiers {@code ? * + {n} {n,} {n,m}} —
 * and checks every candidate with {@link Pattern}. Lookarounds, backreferences and Unicode classes
 * are not generated: {@link #sample} is empty for them.
 */
final class RegexSampler {

    private static final String PRINTABLE =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:;!?/()";

    private final String pattern;
    private int position;
    private final SplittableRandom random;

    private RegexSampler(String pattern, long seed) {
        this.pattern = pattern;
        this.random = new SplittableRandom(seed);
    }

    /** A string that {@code pattern} finds a match in, of a length within the bounds, if one was made. */
    static Optional<String> sample(String pattern, long seed, int minLength, int maxLength) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < 24; attempt++) {
            try {
                RegexSampler sampler = new RegexSampler(pattern, seed + attempt * 0x9E3779B97F4A7C15L);
                String candidate = sampler.alternation();
                int length = candidate.codePointCount(0, candidate.length());
                if (sampler.position == pattern.length()
                        && length >= minLength
                        && length <= maxLength
                        && compiled.matcher(candidate).find()) {
                    return Optional.of(candidate);
                }
            } catch (UnsupportedOperationException | IndexOutOfBoundsException | NumberFormatException unsupported) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String alternation() {
        List<String> branches = new ArrayList<>();
        branches.add(concatenation());
        while (position < pattern.length() && pattern.charAt(position) == '|') {
            position++;
            branches.add(concatenation());
        }
        return branches.get(random.nextInt(branches.size()));
    }

    private String concatenation() {
        StringBuilder out = new StringBuilder();
        while (position < pattern.length()) {
            char c = pattern.charAt(position);
            if (c == '|' || c == ')') {
                break;
            }
            if (c == '^' || c == '$') {
                position++;
                continue;
            }
            int atomStart = position;
            Atom atom = atom();
            int[] bounds = quantifier();
            int count = bounds[0] == bounds[1]
                    ? bounds[0]
                    : bounds[0] + random.nextInt(Math.min(bounds[1], bounds[0] + 4) - bounds[0] + 1);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    // Re-generate the atom for each repetition, so digits and alternatives vary.
                    int end = position;
                    position = atomStart;
                    atom = atom();
                    position = end;
                }
                out.append(atom.text());
            }
        }
        return out.toString();
    }

    private record Atom(String text) {}

    private Atom atom() {
        char c = pattern.charAt(position++);
        switch (c) {
            case '(' -> {
                if (pattern.startsWith("?:", position)) {
                    position += 2;
                } else if (pattern.charAt(position) == '?') {
                    throw new UnsupportedOperationException("lookaround or named group");
                }
                String inner = alternation();
                expect(')');
                return new Atom(inner);
            }
            case '[' -> {
                return new Atom(characterClass());
            }
            case '.' -> {
                return new Atom(String.valueOf(PRINTABLE.charAt(random.nextInt(52))));
            }
            case '\\' -> {
                return new Atom(escape(pattern.charAt(position++)));
            }
            default -> {
                if ("*+?{".indexOf(c) >= 0) {
                    throw new UnsupportedOperationException("dangling quantifier");
                }
                return new Atom(String.valueOf(c));
            }
        }
    }

    private String escape(char c) {
        return switch (c) {
            case 'd' -> String.valueOf((char) ('0' + random.nextInt(10)));
            case 'w' -> String.valueOf(PRINTABLE.charAt(random.nextInt(62)));
            case 's' -> " ";
            case 'D' -> "x";
            case 'W' -> "-";
            case 'S' -> "x";
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'p', 'P', 'k', 'b', 'B', '1', '2', '3', '4', '5', '6', '7', '8', '9' ->
                throw new UnsupportedOperationException("\\" + c);
            case 'u' -> {
                String hex = pattern.substring(position, position + 4);
                position += 4;
                yield String.valueOf((char) Integer.parseInt(hex, 16));
            }
            default -> String.valueOf(c);
        };
    }

    private String characterClass() {
        boolean negated = position < pattern.length() && pattern.charAt(position) == '^';
        if (negated) {
            position++;
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (pattern.charAt(position) != ']' || first) {
            first = false;
            char c = pattern.charAt(position++);
            String member;
            if (c == '\\') {
                char escaped = pattern.charAt(position++);
                member = switch (escaped) {
                    case 'd' -> "0123456789";
                    case 'w' -> PRINTABLE.substring(0, 62) + "_";
                    case 's' -> " ";
                    case 'p', 'P' -> throw new UnsupportedOperationException("Unicode class");
                    default -> String.valueOf(escaped);
                };
            } else if (pattern.charAt(position) == '-' && pattern.charAt(position + 1) != ']') {
                position++;
                char to = pattern.charAt(position++);
                if (to == '\\') {
                    to = pattern.charAt(position++);
                }
                StringBuilder range = new StringBuilder();
                for (char r = c; r <= to && range.length() < 512; r++) {
                    range.append(r);
                }
                member = range.toString();
            } else {
                member = String.valueOf(c);
            }
            members.append(member);
        }
        expect(']');
        if (negated) {
            StringBuilder allowed = new StringBuilder();
            for (char candidate : PRINTABLE.toCharArray()) {
                if (members.indexOf(String.valueOf(candidate)) < 0) {
                    allowed.append(candidate);
                }
            }
            members = allowed;
        }
        if (members.isEmpty()) {
            throw new UnsupportedOperationException("empty class");
        }
        return String.valueOf(members.charAt(random.nextInt(members.length())));
    }

    private int[] quantifier() {
        if (position >= pattern.length()) {
            return new int[] {1, 1};
        }
        char c = pattern.charAt(position);
        int[] bounds;
        switch (c) {
            case '?' -> bounds = new int[] {0, 1};
            case '*' -> bounds = new int[] {0, 3};
            case '+' -> bounds = new int[] {1, 4};
            case '{' -> {
                int close = pattern.indexOf('}', position);
                String[] parts = pattern.substring(position + 1, close).split(",", -1);
                int min = Integer.parseInt(parts[0].trim());
                int max = parts.length == 1 ? min : parts[1].isBlank() ? min + 3 : Integer.parseInt(parts[1].trim());
                position = close;
                bounds = new int[] {min, max};
            }
            default -> {
                return new int[] {1, 1};
            }
        }
        position++;
        if (position < pattern.length() && (pattern.charAt(position) == '?' || pattern.charAt(position) == '+')) {
            position++;
        }
        return bounds;
    }

    private void expect(char c) {
        if (position >= pattern.length() || pattern.charAt(position) != c) {
            throw new UnsupportedOperationException("expected " + c);
        }
        position++;
    }
}
