package dev.miyabi.platform.payments.internal;

/**
 * Finds what looks like a raw card number (a PAN) in text: 13 to 19 digits that pass the Luhn check,
 * written together or in groups separated by single spaces or dashes ({@code 4242 4242 4242 4242},
 * {@code 4242-4242-4242-4242}). Within a longer run of digit groups every run of whole consecutive
 * groups is checked too, so a number followed by its expiry or CVC is still found; an unbroken run of
 * more than 19 digits (an identifier, not a card) is not. The text itself is never kept or logged.
 */
final class CardNumbers {

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;
    private static final int MAX_GROUPS = 32;

    private CardNumbers() {}

    static boolean containsCardNumber(CharSequence text) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // A run of digit groups: digits, separated by one space or dash between two digits.
            int[] groupStart = new int[MAX_GROUPS];
            int[] groupEnd = new int[MAX_GROUPS];
            int groups = 0;
            int j = i;
            while (true) {
                int start = j;
                while (j < length && isDigit(text.charAt(j))) {
                    j++;
                }
                if (groups < MAX_GROUPS) {
                    groupStart[groups] = start;
                    groupEnd[groups] = j;
                    groups++;
                }
                if (j + 1 < length && isSeparator(text.charAt(j)) && isDigit(text.charAt(j + 1))) {
                    j++;
                    continue;
                }
                break;
            }
            if (anyCard(text, groupStart, groupEnd, groups)) {
                return true;
            }
            i = j;
        }
        return false;
    }

    private static boolean anyCard(CharSequence text, int[] starts, int[] ends, int groups) {
        for (int first = 0; first < groups; first++) {
            int digits = 0;
            for (int last = first; last < groups; last++) {
                digits += ends[last] - starts[last];
                if (digits > MAX_DIGITS) {
                    break;
                }
                if (digits >= MIN_DIGITS && luhn(text, starts, ends, first, last)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean luhn(CharSequence text, int[] starts, int[] ends, int first, int last) {
        int sum = 0;
        boolean doubled = false;
        for (int g = last; g >= first; g--) {
            for (int k = ends[g] - 1; k >= starts[g]; k--) {
                int digit = text.charAt(k) - '0';
                if (doubled) {
                    digit *= 2;
                    if (digit > 9) {
                        digit -= 9;
                    }
                }
                sum += digit;
                doubled = !doubled;
            }
        }
        return sum % 10 == 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }
}
