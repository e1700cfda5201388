package dev.miyabi.platform.identity;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminUsersIntegrationTests extends IntegrationTest {

    @Test
    void aCustomerCannotUseAdminEndpoints() {
        Session customer = register();

        assertProblem(api.get("/api/admin/users").token(customer.accessToken()).send(), 403, "forbidden");
        assertProblem(
                api.put("/api/admin/users/" + customer.id() + "/roles")
                        .token(customer.accessToken())
                        .json(Map.of("roles", List.of("admin")))
                        .send(),
                403,
                "forbidden");
        assertThat(roles(customer.id())).containsExactly("customer");
    }

    @Test
    void adminListsUsersPagedAndFiltered() {
        Session user = register();
        String token = admin().accessToken();

        Api.Response page = api.get("/api/admin/users?page=0&size=2&sort=createdAt,desc")
                .token(token)
                .send();
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.path("items")).hasSize(2);
        assertThat(body.path("page").asInt()).isZero();
        assertThat(body.path("size").asInt()).isEqualTo(2);
        assertThat(body.path("total").asLong()).isGreaterThanOrEqualTo(2);

        Api.Response search =
                api.get("/api/admin/users?q=" + user.email()).token(token).send();
        assertThat(search.json().path("items")).hasSize(1);
        assertThat(search.json().path("items").get(0).path("id").asString())
                .isEqualTo(user.id().toString());

        Api.Response admins =
                api.get("/api/admin/users?role=admin&size=100").token(token).send();
        admins.json()
                .path("items")
                .forEach(item -> assertThat(item.path("roles").toString()).contains("admin"));
    }

    @Test
    void pageSizeIsCappedAndBadPagingRefused() {
        String token = admin().accessToken();

        assertThat(api.get("/api/admin/users?size=1000")
                        .token(token)
                        .send()
                        .json()
                        .path("size")
                        .asInt())
                .isEqualTo(100);
        assertProblem(api.get("/api/admin/users?page=-1").token(token).send(), 400, "validation_failed");
        assertProblem(api.get("/api/admin/users?size=-5").token(token).send(), 400, "validation_failed");
        assertProblem(
                api.get("/api/admin/users?sort=password_hash").token(token).send(), 400, "validation_failed");
        assertProblem(api.get("/api/admin/users?page=abc").token(token).send(), 400, "validation_failed");
        assertProblem(api.get("/api/admin/users?role=root").token(token).send(), 400, "validation_failed");
    }

    @Test
    void adminChangesRolesAndCustomerIsAlwaysKept() {
        Session user = register();

        Api.Response changed = api.put("/api/admin/users/" + user.id() + "/roles")
                .token(admin().accessToken())
                .json(Map.of("roles", List.of("approver")))
                .send();

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("roles")).extracting(JsonNode::asString).containsExactly("customer", "approver");
        assertThat(roles(user.id())).containsExactlyInAnyOrder("customer", "approver");
    }

    @Test
    void shouldRefuseUnknownRolesAndUnknownUsers() {
        Session user = register();
        String token = admin().accessToken();

        assertProblem(
                api.put("/api/admin/users/" + user.id() + "/roles")
                        .token(token)
                        .json(Map.of("roles", List.of("superuser")))
                        .send(),
                400,
                "validation_failed");
        assertProblem(
                api.put("/api/admin/users/" + UUID.randomUUID() + "/roles")
                        .token(token)
                        .json(Map.of("roles", List.of("approver")))
                        .send(),
                404,
                "not_found");
        assertThat(roles(user.id())).containsExactly("customer");
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        Session admin = admin();
        List<UUID> otherAdmins = jdbc.sql("SELECT id FROM users WHERE 'admin' = ANY(roles) AND id <> :me")
                .param("me", admin.id())
                .query(UUID.class)
                .list();
        for (UUID other : otherAdmins) {
            api.put("/api/admin/users/" + other + "/roles")
                    .token(admin.accessToken())
                    .json(Map.of("roles", List.of("customer")))
                    .send();
        }

        Api.Response demoteSelf = api.put("/api/admin/users/" + admin.id() + "/roles")
                .token(admin.accessToken())
                .json(Map.of("roles", List.of("customer")))
                .send();

        assertProblem(demoteSelf, 409, "invalid_state");
        assertThat(roles(admin.id())).contains("admin");
    }

    private List<String> roles(UUID id) {
        return jdbc.sql("SELECT unnest(roles) FROM users WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .list();
    }
}
