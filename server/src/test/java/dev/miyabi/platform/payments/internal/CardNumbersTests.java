package dev.miyabi.platform.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardNumbersTests {

    @Test
    void luhnValidNumbersOf13To19DigitsAreFoundHoweverTheyAreWritten() {
        List<String> cards = List.of(
                "4242424242424242", // Visa, 16
                "4222222222222", // Visa, 13
                "378282246310005", // Amex, 15
                "6011111111111117", // Discover
                "3530111333300000", // JCB
                "6200000000000005", // UnionPay 16
                "6205500000000000004", // UnionPay 19
                "4242 4242 4242 4242",
                "4242-4242-4242-4242",
                "3782 822463 10005",
                "{\"paymentMethod\":\"4242424242424242\"}",
                "{\"card\":4000056655665556}",
                "card=5555555555554444&exp=12/30",
                "number 4242 4242 4242 4242 123 exp",
                "pm_card_4242424242424242");
        assertThat(cards)
                .allSatisfy(text -> assertThat(CardNumbers.containsCardNumber(text))
                        .as(text)
                        .isTrue());
    }

    @Test
    void otherDigitsAreNotCardNumbers() {
        List<String> others = List.of(
                "4242424242424241", // Luhn fails
                "424242424242", // 12 digits
                "42424242424242424242", // 20 digits, one run: an identifier
                "{\"paymentMethod\":\"pm_card_visa\"}",
                "{\"orderId\":\"0b0dfcac-cd65-4fe6-8e71-2e194cf9975a\"}",
                "2026-11-27T07:37:30.553Z",
                "+81 3 1234 5678",
                "{\"amount\":\"99999999.99\"}",
                "4242  4242  4242  4242", // two spaces: not one number
                "");
        assertThat(others)
                .allSatisfy(text -> assertThat(CardNumbers.containsCardNumber(text))
                        .as(text)
                        .isFalse());
    }
}
