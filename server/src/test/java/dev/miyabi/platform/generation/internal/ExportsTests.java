package dev.miyabi.platform.generation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.generation.GenerationJobs;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Markdown, HTML and PDF exports of generated courses and documents. */
class ExportsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Exports exports = new Exports();
    private final OfflineCourse offline = new OfflineCourse();

    static Job job(String type, JsonNode input) {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        return new Job(
                UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001"),
                type,
                JobStatus.COMPLETED,
                UUID.randomUUID(),
                null,
                input,
                new Job.Progress("store", 10, 10, null),
                0,
                1,
                3,
                null,
                false,
                new Job.TokenUsage(100, 200),
                BigDecimal.ZERO,
                new Job.GeneratedBy("offline", "miyabi-offline-1"),
                now,
                now,
                now,
                now,
                now,
                5);
    }

    @Test
    void aCourseExportsAsMarkdownHtmlAndAPdfWithItsTitle() throws IOException {
        ObjectNode input = OfflineCourseWriterTests.input(
                "Python for data analysis",
                "en",
                6,
                "beginner",
                "text",
                List.of("Load data", "Clean data", "Plot results"));
        ObjectNode course = offline.generate(input);
        Job job = job(GenerationJobs.COURSE, input);

        String markdown = new String(exports.render(job, course, "markdown").body(), StandardCharsets.UTF_8);
        assertThat(markdown)
                .startsWith("# Python for data analysis: A Practical Introduction")
                .contains("## Module 1: Foundations of Python for data analysis")
                .contains("### Lesson 2.1: Load data: core concepts")
                .contains("#### Introduction")
                .contains("### Quiz", "#### Answer key");

        Exports.Rendered html = exports.render(job, course, "html");
        assertThat(html.mediaType()).isEqualTo("text/html");
        String page = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"en\">", "<title>Python for data analysis: A Practical Introduction</title>")
                .contains("<style>", "<h2>Module 1: Foundations of Python for data analysis</h2>");

        Exports.Rendered pdf = exports.render(job, course, "pdf");
        assertThat(pdf.fileName()).isEqualTo("python-for-data-analysis-a-practical-introduction.pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(5);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Python for data analysis: A Practical Introduction", "Load data: core concepts");
        }
    }

    @Test
    void japaneseTextIsEmbeddedInThePdf() throws IOException {
        ObjectNode input = OfflineCourseWriterTests.input(
                "Pythonによるデータ分析", "ja", 2, "beginner", "text", List.of("データを読み込む", "データを整える", "結果を可視化する"));
        ObjectNode course = offline.generate(input);
        Exports.Rendered pdf = exports.render(job(GenerationJobs.COURSE, input), course, "pdf");
        assertThat(pdf.fileName()).isEqualTo("python.pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("Pythonによるデータ分析入門", "データを読み込む：基本概念", "はじめに");
        }
    }

    @Test
    void generatedHtmlAndLinksCannotRunInTheExports() throws IOException {
        ObjectNode document = JSON.createObjectNode();
        document.put("title", "Report <script>alert('title')</script>");
        document.putArray("sections").addObject().put("heading", "Findings").put("body", "x");
        document.put(
                "markdown",
                "# Report\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                        + "[click](javascript:alert(3)) and ![pixel](http://127.0.0.1:9/track.png)\n");
        ObjectNode input = JSON.createObjectNode().put("documentType", "report").put("language", "en\"><script>");
        Job job = job(GenerationJobs.DOCUMENT, input);

        String page = new String(exports.render(job, document, "html").body(), StandardCharsets.UTF_8);
        assertThat(page)
                .doesNotContain("<script>", "<img src=x", "<img src=\"x\"", "javascript:")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<title>Report &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>")
                .contains("<html lang=\"en\">");

        byte[] pdf = exports.render(job, document, "pdf").body();
        try (PDDocument rendered = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(rendered)).contains("<script>alert(1)</script>");
        }
    }
}
