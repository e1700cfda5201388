package dev.miyabi.platform.owasp;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API4:2023 Unrestricted Resource Consumption.
 *
 * <ul>
 *   <li>every paged operation of {@code /v3/api-docs} (read at run time: those with a {@code size} parameter)
 *       caps {@code size=1000000} at 100, refuses a negative page or size with 400, and answers a page far past
 *       the end without 5xx;
 *   <li>search: {@code q} over 500 characters and {@code limit} over 100 → 400; an answer's question over 1 000
 *       characters → 400;
 *   <li>a JSON body nested ten thousand levels deep is refused with 400, not a stack overflow.
 * </ul>
 *
 * Covered elsewhere: the 1 MiB body limit (also chunked) in {@link
 * dev.miyabi.platform.shared.HttpErrorsIntegrationTests#aTwoMegabyteBodyIsTooLarge()} and {@link
 * dev.miyabi.platform.shared.HttpErrorsIntegrationTests#aChunkedBodyIsCutOffAtTheLimit()}; upload size (10 MiB,
 * 2 000 000 characters) in {@code search.internal.SearchIntegrationTests#uploadsThatAreTooLargeOfTheWrongKindOrUnreadableAreRefused};
 * login and registration rates in {@link dev.miyabi.platform.identity.AuthIntegrationTests#manyFailuresFromOneAddressBlockThatAddress()},
 * {@link dev.miyabi.platform.identity.AuthIntegrationTests#registrationsAreThrottledPerAddress()}, {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#aFloodOfSignInsLeavesTheConnectionPoolToOtherRequests()};
 * reset mails in {@link dev.miyabi.platform.identity.AccountIntegrationTests#resetRequestsAreLimitedPerAccountAndPerAddress()};
 * the LLM budget (429 {@code budget_exceeded}) in {@link
 * dev.miyabi.platform.generation.AiJobsApiIntegrationTests#aUserOverTheMonthlyBudgetIsRefusedBeforeAnythingIsQueued()}
 * and {@link dev.miyabi.platform.generation.StudioBudgetIntegrationTests#concurrentSubmissionsAgainstABudgetThatFitsThreeAdmitExactlyThree()};
 * order quantity and notes in {@link dev.miyabi.platform.orders.OrdersIntegrationTests#quantityAndProductAreCheckedField()}
 * and {@link dev.miyabi.platform.orders.OrdersIntegrationTests#otherProductsTakeOptionalNotesOfAtMostTenKilobytes()};
 * WebSocket messages over 8 KB and slow consumers in the {@code realtime} tests; 10 000-character strings in
 * every field in {@code shared.ApiSweepIntegrationTests}.
 */
class API4UnrestrictedResourceConsumptionTests extends OwaspFixtures {

    @Test
    void everyPagedOperationCapsItsPageSize() {
        Session subscriber = register();
        grantSearchPlan(subscriber); // the library is the subscriber's own, admins included
        List<String> defects = new ArrayList<>();
        int paged = 0;
        for (Operation operation : operations()) {
            if (!operation.method().equals("GET")
                    || operation.hasPathVariable()
                    || !operation.hasQueryParameter("size")) {
                continue;
            }
            paged++;
            Session admin = operation.path().startsWith("/api/search/") ? subscriber : adminSession();
            Api.Response huge = api.get(operation.path() + "?size=1000000")
                    .token(admin.accessToken())
                    .send();
            if (huge.status() != 200
                    || huge.json().path("size").asInt() != 100
                    || huge.json().path("items").size() > 100) {
                defects.add(operation + "?size=1000000 → " + abbreviate(huge.toString()));
            }
            for (String bad : List.of("size=-1", "page=-1")) {
                Api.Response refused = api.get(operation.path() + "?" + bad)
                        .token(admin.accessToken())
                        .send();
                if (refused.status() != 400) {
                    defects.add(operation + "?" + bad + " → " + abbreviate(refused.toString()));
                }
            }
            Api.Response far = api.get(operation.path() + "?page=2147483647&size=100")
                    .token(admin.accessToken())
                    .send();
            if (far.status() >= 500
                    || (far.status() == 200 && !far.json().path("items").isEmpty())) {
                defects.add(operation + "?page=2147483647 → " + abbreviate(far.toString()));
            }
        }
        assertThat(paged).as("paged operations").isGreaterThanOrEqualTo(8);
        assertThat(defects).isEmpty();
    }

    @Test
    void searchBoundsItsQueryAndResultCount() {
        assertProblem(api.get("/api/search?q=" + "a".repeat(501)).send(), 400, "validation_failed");
        assertProblem(api.get("/api/search?q=course&limit=101").send(), 400, "validation_failed");
        assertProblem(api.get("/api/search?q=course&limit=0").send(), 400, "validation_failed");
        assertThat(api.get("/api/search?q=" + "a".repeat(500)).send().status()).isEqualTo(200);

        Session subscriber = register();
        grantSearchPlan(subscriber);
        assertProblem(
                api.post("/api/search/answers")
                        .token(subscriber.accessToken())
                        .json(Map.of("question", "q".repeat(1001)))
                        .send(),
                400,
                "validation_failed");
    }

    @Test
    void deeplyNestedJsonIsRefusedNotFollowed() {
        Session customer = register();
        String nested = "{\"input\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"productId\":\"x\"}";

        Api.Response answer = api.post("/api/orders")
                .token(customer.accessToken())
                .raw("application/json", nested)
                .send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
