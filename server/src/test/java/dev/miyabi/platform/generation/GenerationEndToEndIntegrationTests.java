package dev.miyabi.platform.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole way with the offline provider: a course or document product is ordered and paid, the
 * fulfilment queues a job, the agent writes and stores the content, the order completes, and the result
 * exports as JSON, Markdown, HTML and a PDF that opens.
 */
class GenerationEndToEndIntegrationTests extends GenerationFixtures {

    @Test
    void aPaidCourseOrderIsGeneratedStoredExportedAndCompleted() throws Exception {
        Session customer = register();
        UUID orderId = paidOrder(
                customer, product("ai_course_generation"), 1, courseInput("Python for data analysis", "en", 6));

        JsonNode order = awaitOrder(customer, orderId, "completed");
        assertThat(statuses(order)).containsExactly("pending", "awaiting_payment", "paid", "fulfilling", "completed");
        assertThat(order.path("timeline").get(3).path("actor").path("id").asString())
                .isEqualTo("201");
        String jobId = order.path("aiJobId").asString();

        JsonNode job = job(customer, jobId);
        assertThat(job.path("type").asString()).isEqualTo("course_generation");
        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(job.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(job.path("progress").path("completedSteps").asInt())
                .isEqualTo(job.path("progress").path("totalSteps").asInt())
                .isEqualTo(1 + 15 + 5 + 1);
        assertThat(job.path("tokenUsage").path("output").asLong()).isPositive();
        assertThat(job.path("generatedBy").path("provider").asString()).isEqualTo("offline");

        JsonNode course = api.get("/api/ai/jobs/" + jobId + "/result")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(course.path("title").asString()).isEqualTo("Python for data analysis: A Practical Introduction");
        assertThat(course.path("modules").size()).isBetween(4, 8);
        assertThat(course.path("modules").get(0).path("quiz").path("questions").size())
                .isBetween(5, 10);

        // Stored in the course tables, in one piece.
        UUID courseId = jdbc.sql("SELECT id FROM courses WHERE job_id = :job")
                .param("job", UUID.fromString(jobId))
                .query(UUID.class)
                .single();
        assertThat(jdbc.sql("SELECT count(*) FROM course_modules WHERE course_id = :id")
                        .param("id", courseId)
                        .query(Integer.class)
                        .single())
                .isBetween(4, 8);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM course_lessons l JOIN course_modules m ON m.id = l.module_id
                        WHERE m.course_id = :id""").param("id", courseId).query(Integer.class).single())
                .isEqualTo(15);
        assertThat(jdbc.sql("SELECT order_id FROM courses WHERE id = :id")
                        .param("id", courseId)
                        .query(UUID.class)
                        .single())
                .isEqualTo(orderId);

        // The board shows the execution as the CourseGenerator's task for the order.
        Api.Response tasks = api.get("/api/agents/tasks?agent=course_generator&size=100")
                .token(adminSession().accessToken())
                .send();
        assertThat(tasks.json().path("items").findValuesAsString("resourceId")).contains(orderId.toString());

        Api.Response markdown = api.get("/api/ai/jobs/" + jobId + "/result?format=markdown")
                .token(customer.accessToken())
                .send();
        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.contentType()).startsWith("text/markdown");
        assertThat(markdown.body()).startsWith("# Python for data analysis: A Practical Introduction");

        Api.Response html = api.get("/api/ai/jobs/" + jobId + "/result?format=html")
                .token(customer.accessToken())
                .send();
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("</html>");
        assertThat(html.header("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'");

        Api.BinaryResponse pdf = api.get("/api/ai/jobs/" + jobId + "/result?format=pdf")
                .token(customer.accessToken())
                .sendForBytes();
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"python-for-data-analysis-a-practical-introduction.pdf\"");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(10);
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("Python for data analysis: A Practical Introduction");
        }
    }

    @Test
    void aJapaneseCourseWorksEndToEnd() throws Exception {
        Session customer = register();
        UUID orderId = paidOrder(customer, product("ai_course_generation"), 1, courseInput("Pythonによるデータ分析", "ja", 2));
        String jobId =
                awaitOrder(customer, orderId, "completed").path("aiJobId").asString();

        JsonNode course = api.get("/api/ai/jobs/" + jobId + "/result")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(course.path("title").asString()).isEqualTo("Pythonによるデータ分析入門");
        assertThat(jdbc.sql("SELECT language FROM courses WHERE job_id = :job")
                        .param("job", UUID.fromString(jobId))
                        .query(String.class)
                        .single())
                .isEqualTo("ja");
        Api.Response html = api.get("/api/ai/jobs/" + jobId + "/result?format=html")
                .token(customer.accessToken())
                .send();
        assertThat(html.body()).contains("<html lang=\"ja\">", "<h1>Pythonによるデータ分析入門</h1>");
        Api.BinaryResponse pdf = api.get("/api/ai/jobs/" + jobId + "/result?format=pdf")
                .token(customer.accessToken())
                .sendForBytes();
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", ""))
                    .contains("Pythonによるデータ分析入門", "モジュール1", "確認クイズ");
        }
    }

    @Test
    void aPaidDocumentOrderIsGeneratedWithItsDataPoints() {
        Session customer = register();
        UUID orderId = paidOrder(
                customer, product("ai_document_generation"), 1, documentInput("Modernising the Acme warehouse"));
        String jobId =
                awaitOrder(customer, orderId, "completed").path("aiJobId").asString();

        JsonNode document = api.get("/api/ai/jobs/" + jobId + "/result")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(document.path("title").asString()).isEqualTo("Modernising the Acme warehouse");
        assertThat(document.path("sections").findValuesAsString("heading"))
                .contains("Executive summary", "Investment and key figures", "Next steps");
        assertThat(document.path("markdown").asString())
                .startsWith("# Modernising the Acme warehouse")
                .contains("| Budget usd | 120000 |", "| Milestones | Pilot, Rollout |", "The board of Acme Corp");
        assertThat(jdbc.sql("SELECT document_type FROM documents WHERE job_id = :job")
                        .param("job", UUID.fromString(jobId))
                        .query(String.class)
                        .single())
                .isEqualTo("proposal");
        Api.Response markdown = api.get("/api/ai/jobs/" + jobId + "/result?format=markdown")
                .token(customer.accessToken())
                .send();
        assertThat(markdown.body()).isEqualTo(document.path("markdown").asString());
    }
}
