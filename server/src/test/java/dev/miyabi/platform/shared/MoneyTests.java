package dev.miyabi.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MoneyTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void amountsCarryExactlyTheCurrencysMinorUnits() {
        assertThat(Money.of("49.9", "USD").amount()).isEqualTo(new BigDecimal("49.90"));
        assertThat(Money.of("5000", "JPY").amount()).isEqualTo(new BigDecimal("5000"));
        assertThat(Money.of("5000.00", "JPY").amount()).isEqualTo(new BigDecimal("5000"));
        assertThatThrownBy(() -> Money.of("49.999", "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serializesAsADecimalStringAndReadsBack() {
        Money price = Money.of("1200.5", "USD");

        String text = json.writeValueAsString(price);

        assertThat(text).isEqualTo("{\"amount\":\"1200.50\",\"currency\":\"USD\"}");
        assertThat(json.readValue(text, Money.class)).isEqualTo(price);
        assertThat(json.writeValueAsString(Money.of("99999999.99", "USD"))).contains("\"99999999.99\"");
    }

    @Test
    void clientPricesAreCheckedFieldByField() {
        assertThat(Money.violations("price", "49.99", "USD")).isEmpty();
        assertThat(Money.violations("price", "5000", "JPY")).isEmpty();
        assertThat(Money.violations("price", "49.990", "USD")).isEmpty();

        assertThat(Money.violations("price", "0", "USD"))
                .containsExactly(new FieldViolation("price.amount", "must be greater than 0"));
        assertThat(Money.violations("price", "-1", "USD"))
                .extracting(FieldViolation::field)
                .containsExactly("price.amount");
        assertThat(Money.violations("price", "1e3", "USD"))
                .extracting(FieldViolation::field)
                .containsExactly("price.amount");
        assertThat(Money.violations("price", "100000000.00", "USD"))
                .extracting(FieldViolation::message)
                .containsExactly("must be at most 99999999.99");
        assertThat(Money.violations("price", "1.001", "USD"))
                .extracting(FieldViolation::message)
                .containsExactly("must have at most 2 decimal places in USD");
        assertThat(Money.violations("price", "10.5", "JPY"))
                .extracting(FieldViolation::message)
                .containsExactly("must be a whole number in JPY");
        assertThat(Money.violations("price", "10", "usd"))
                .extracting(FieldViolation::field)
                .containsExactly("price.currency");
        assertThat(Money.violations("price", "10", "ABC"))
                .extracting(FieldViolation::field)
                .containsExactly("price.currency");
        assertThat(Money.violations("price", "10", "KWD"))
                .as("three minor units do not fit DECIMAL(10,2)")
                .extracting(FieldViolation::field)
                .containsExactly("price.currency");
        assertThat(Money.violations("price", null, null))
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("price.amount", "price.currency");
    }

    @Test
    void totalsMayOutgrowStorage() {
        Money price = Money.of("99999999.99", "USD");

        assertThat(price.fitsStorage()).isTrue();
        assertThat(price.times(2).fitsStorage()).isFalse();
        assertThat(Money.of("19.99", "USD").times(3)).isEqualTo(Money.of("59.97", "USD"));
    }
}
