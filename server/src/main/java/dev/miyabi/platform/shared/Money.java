package dev.miyabi.platform.shared;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An amount of money in one ISO 4217 currency, as the API shows it: {@code {"amount": "49.99",
 * "currency": "USD"}}. The amount always carries exactly the currency's minor units ({@code "5000"}
 * for JPY) and fits the {@code DECIMAL(10,2)} columns of the schema; currencies with more than two
 * minor units (BHD, KWD, …) cannot be stored and are not supported.
 */
public record Money(
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** The largest amount a {@code DECIMAL(10,2)} column holds. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,12})?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Currency known = supportedCurrency(currency)
                .orElseThrow(() -> new IllegalArgumentException("Unsupported currency " + currency));
        try {
            amount = amount.setScale(known.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    amount.toPlainString() + " has more decimal places than " + currency + " allows", e);
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    /** This amount times a quantity; may exceed {@link #MAX_AMOUNT} (check {@link #fitsStorage()}). */
    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /** True when the amount fits the {@code DECIMAL(10,2)} columns. */
    public boolean fitsStorage() {
        return amount.abs().compareTo(MAX_AMOUNT) <= 0;
    }

    /**
     * An ISO 4217 currency in upper case that the platform can store: a real currency (not a fund or
     * metal code without minor units such as XAU) with at most two minor units.
     */
    public static Optional<Currency> supportedCurrency(@Nullable String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            int digits = currency.getDefaultFractionDigits();
            return digits >= 0 && digits <= 2 ? Optional.of(currency) : Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Checks a price as a client sent it: the amount a positive decimal string with at most the
     * currency's minor units and at most {@link #MAX_AMOUNT}, the currency a supported ISO 4217 code.
     * Violations name {@code <field>.amount} and {@code <field>.currency}.
     */
    public static List<FieldViolation> violations(String field, @Nullable String amount, @Nullable String currency) {
        List<FieldViolation> errors = new ArrayList<>();
        Optional<Currency> known = supportedCurrency(currency);
        if (currency == null || currency.isBlank()) {
            errors.add(new FieldViolation(field + ".currency", "is required"));
        } else if (known.isEmpty()) {
            errors.add(new FieldViolation(
                    field + ".currency", "must be an ISO 4217 currency code with at most 2 minor units, like USD"));
        }
        if (amount == null || amount.isBlank()) {
            errors.add(new FieldViolation(field + ".amount", "is required"));
            return errors;
        }
        if (!DECIMAL.matcher(amount).matches()) {
            errors.add(new FieldViolation(field + ".amount", "must be a decimal number like \"49.99\""));
            return errors;
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0) {
            errors.add(new FieldViolation(field + ".amount", "must be greater than 0"));
        } else if (value.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldViolation(field + ".amount", "must be at most " + MAX_AMOUNT.toPlainString()));
        }
        if (known.isPresent()) {
            int digits = known.get().getDefaultFractionDigits();
            if (value.stripTrailingZeros().scale() > digits) {
                errors.add(new FieldViolation(
                        field + ".amount",
                        digits == 0
                                ? "must be a whole number in " + currency
                                : "must have at most " + digits + " decimal places in " + currency));
            }
        }
        return errors;
    }

    /** Parses a price that {@link #violations} accepted. */
    public static Money parse(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
