package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** Amounts as payment providers send them: whole numbers of the currency's minor unit (cents, yen). */
final class MinorUnits {

    private MinorUnits() {}

    static long of(Money money) {
        int digits = Currency.getInstance(money.currency()).getDefaultFractionDigits();
        return money.amount().movePointRight(digits).longValueExact();
    }

    static Money toMoney(long minor, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        int digits = Currency.getInstance(code).getDefaultFractionDigits();
        return new Money(BigDecimal.valueOf(minor, digits), code);
    }
}
