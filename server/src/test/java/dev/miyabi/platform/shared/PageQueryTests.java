package dev.miyabi.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PageQueryTests {

    private static final Set<String> SORTABLE = Set.of("createdAt", "name");

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        PageQuery query = PageQuery.of(null, null, null, SORTABLE, "createdAt,desc");

        assertThat(query).isEqualTo(new PageQuery(0, 20, "createdAt", false));
        assertThat(query.offset()).isZero();
    }

    @Test
    void capsTheSizeAtOneHundred() {
        assertThat(PageQuery.of(3, 500, "name", SORTABLE, "createdAt").size()).isEqualTo(100);
        assertThat(PageQuery.of(3, 500, "name", SORTABLE, "createdAt").offset()).isEqualTo(300);
    }

    @Test
    void refusesNegativeNumbersAndUnknownSortFields() {
        assertThatThrownBy(() -> PageQuery.of(-1, 10, null, SORTABLE, "createdAt"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldViolation::field)
                                .containsExactly("page"));
        assertThatThrownBy(() -> PageQuery.of(0, -1, null, SORTABLE, "createdAt"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldViolation::field)
                                .containsExactly("size"));
        assertThatThrownBy(() -> PageQuery.of(0, 10, "id; DROP TABLE users", SORTABLE, "createdAt"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PageQuery.of(0, 10, "name,sideways", SORTABLE, "createdAt"))
                .isInstanceOf(ApiException.class);
    }
}
