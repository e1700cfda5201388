package dev.miyabi.platform.generation.internal;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.generation.GenerationJobs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Entities;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The result of a course or document job as Markdown, as a complete, styled HTML document, and as PDF
 * (commonmark with GFM tables → HTML → openhtmltopdf on PDFBox, with DejaVu Sans and the IPAexGothic
 * fallback embedded, so Japanese renders). Generated text is never trusted: raw HTML in it is escaped,
 * link targets other than http(s)/mailto are dropped, and the PDF renderer loads nothing from outside.
 */
@Component
class Exports {

    /** A rendered export: bytes, media type and a file name for downloads. */
    public record Rendered(byte[] body, String mediaType, String fileName) {}

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    static final String LATIN = "DejaVu Sans";
    static final String MONO = "DejaVu Sans Mono";
    static final String CJK = "IPAexGothic";

    private static final Map<String, byte[]> FONTS = new ConcurrentHashMap<>();

    private static final String CSS = """
            body { font-family: 'DejaVu Sans', 'IPAexGothic', 'Hiragino Sans', 'Noto Sans CJK JP', sans-serif;
                   color: #1d1d1f; line-height: 1.6; margin: 0; background: #fff; }
            main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
            h1 { font-size: 2rem; line-height: 1.25; border-bottom: 3px solid #b4233c; padding-bottom: .4rem; }
            h2 { font-size: 1.45rem; margin-top: 2.4rem; color: #b4233c; }
            h3 { font-size: 1.2rem; margin-top: 1.8rem; }
            h4, h5, h6 { font-size: 1rem; margin-top: 1.4rem; }
            code, pre { font-family: 'DejaVu Sans Mono', 'IPAexGothic', monospace; font-size: .9em; }
            pre { background: #f5f5f7; padding: .8rem 1rem; border-radius: 6px; white-space: pre-wrap;
                  word-wrap: break-word; }
            blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid #d9a441; background: #fdf8ee; }
            table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
            th, td { border: 1px solid #d2d2d7; padding: .35rem .6rem; text-align: left; vertical-align: top; }
            th { background: #f5f5f7; }
            a { color: #0b63b6; }
            footer { color: #6e6e73; font-size: .8rem; border-top: 1px solid #d2d2d7; margin-top: 3rem;
                     padding-top: .8rem; }
            """;

    private static final String PRINT_CSS = """
            @page { size: A4; margin: 18mm 16mm 20mm 16mm;
                    @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #6e6e73; } }
            main { max-width: none; padding: 0; }
            h1 { font-size: 22pt; } h2 { font-size: 15pt; page-break-after: avoid; }
            h3, h4 { page-break-after: avoid; }
            body { font-size: 10.5pt; }
            pre, blockquote, tr { page-break-inside: avoid; }
            """;

    /** The job's result as Markdown: the document's own, or the course rendered. */
    public String markdown(Job job, JsonNode output) {
        if (job.type().equals(GenerationJobs.COURSE)) {
            return CourseMarkdown.render(output, language(job));
        }
        return output.path("markdown").asString();
    }

    public Rendered render(Job job, JsonNode output, String format) {
        String markdown = markdown(job, output);
        String title = output.path("title").asString("Miyabi");
        String base = fileName(title, job);
        return switch (format) {
            case "markdown" ->
                new Rendered(markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/markdown", base + ".md");
            case "html" ->
                new Rendered(
                        html(title, markdown, job, false).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/html",
                        base + ".html");
            case "pdf" -> new Rendered(pdf(html(title, markdown, job, true)), "application/pdf", base + ".pdf");
            default -> throw new IllegalArgumentException("Unknown format " + format);
        };
    }

    /** A standalone HTML5 document; the body is the Markdown rendered with raw HTML escaped. */
    static String html(String title, String markdown, Job job, boolean print) {
        String body = HTML.render(PARSER.parse(markdown));
        String generatedBy = job.generatedBy() == null
                ? "Miyabi"
                : job.generatedBy().provider()
                        + (job.generatedBy().model() == null
                                ? ""
                                : " / " + job.generatedBy().model());
        String date = job.completedAt() == null
                ? ""
                : DateTimeFormatter.ISO_LOCAL_DATE.format(job.completedAt().atOffset(java.time.ZoneOffset.UTC));
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />
                <meta name="generator" content="Miyabi" />
                <title>%s</title>
                <style>
                %s%s</style>
                </head>
                <body>
                <main>
                %s
                <footer>Miyabi · %s · %s</footer>
                </main>
                </body>
                </html>
                """.formatted(
                        escape(language(job)),
                        escape(title),
                        CSS,
                        print ? PRINT_CSS : "",
                        body,
                        escape(generatedBy),
                        escape(date));
    }

    /** HTML → PDF with the bundled fonts; nothing outside the document is fetched. */
    static byte[] pdf(String html) {
        org.jsoup.nodes.Document parsed = Jsoup.parse(html);
        parsed.outputSettings().escapeMode(Entities.EscapeMode.xhtml);
        org.w3c.dom.Document document = W3CDom.convert(parsed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .withW3cDocument(document, "about:blank")
                .useExternalResourceAccessControl(
                        (uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl(
                        (uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .withProducer("Miyabi")
                .toStream(out);
        builder.useFont(() -> font("DejaVuSans.ttf"), LATIN, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("DejaVuSans-Bold.ttf"), LATIN, 700, FontStyle.NORMAL, true);
        builder.useFont(() -> font("DejaVuSansMono.ttf"), MONO, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("IPAexGothic.ttf"), CJK, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("IPAexGothic.ttf"), CJK, 700, FontStyle.NORMAL, true);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String file) {
        byte[] bytes = FONTS.computeIfAbsent(file, name -> {
            try (InputStream in = new ClassPathResource("fonts/" + name).getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("The bundled font fonts/" + name + " is missing", e);
            }
        });
        return new ByteArrayInputStream(bytes);
    }

    private static String language(Job job) {
        String language = job.input().path("language").asString("en");
        return language.matches("[A-Za-z0-9-]{1,35}") ? language : "en";
    }

    /** "Python for Data Analysis" → "python-for-data-analysis"; titles without Latin letters use the job id. */
    static String fileName(String title, Job job) {
        String slug = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        String kind = job.type().equals(GenerationJobs.COURSE) ? "course" : "document";
        return slug.length() < 3 ? kind + "-" + job.id().toString().substring(0, 8) : slug;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
