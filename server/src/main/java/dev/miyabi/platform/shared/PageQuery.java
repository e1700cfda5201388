package dev.miyabi.platform.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated page request. {@code size} above {@link #MAX_SIZE} is capped; negative numbers and
 * sort fields outside the endpoint's allow-list are refused with 400 {@code validation_failed}, so
 * user input never reaches SQL as an identifier.
 */
public record PageQuery(int page, int size, String sortField, boolean ascending) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageQuery of(
            @Nullable Integer page,
            @Nullable Integer size,
            @Nullable String sort,
            Set<String> sortable,
            String defaultSort) {
        List<FieldViolation> errors = new ArrayList<>();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            errors.add(new FieldViolation("page", "must be 0 or greater"));
        }
        if (s < 0) {
            errors.add(new FieldViolation("size", "must be 0 or greater"));
        }
        String effective = sort == null || sort.isBlank() ? defaultSort : sort;
        String[] parts = effective.split(",", -1);
        String field = parts[0].trim();
        boolean ascending = true;
        if (!sortable.contains(field)) {
            errors.add(new FieldViolation(
                    "sort",
                    "must be one of "
                            + String.join(", ", sortable.stream().sorted().toList())));
        }
        if (parts.length > 2) {
            errors.add(new FieldViolation("sort", "must look like field,asc or field,desc"));
        } else if (parts.length == 2) {
            String direction = parts[1].trim().toLowerCase();
            if (direction.equals("desc")) {
                ascending = false;
            } else if (!direction.equals("asc")) {
                errors.add(new FieldViolation("sort", "direction must be asc or desc"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new PageQuery(p, Math.min(s, MAX_SIZE), field, ascending);
    }

    public long offset() {
        return (long) page * size;
    }

    public String direction() {
        return ascending ? "ASC" : "DESC";
    }
}
