package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.LimitReached;
import dev.miyabi.platform.shared.NotProcessable;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.TooLarge;
import dev.miyabi.platform.shared.UnsupportedContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's private library (paid search access): uploads of Markdown, plain text, HTML or PDF (text
 * extracted with PDFBox) up to {@code miyabi.search.max-upload-size}. The extracted text is stored and
 * chunked in one transaction with the event that puts it into every instance's index; its vectors follow
 * from an indexing job. Deleting an upload removes its chunks (and, through the event, every index entry).
 */
@Service
class SearchLibrary {

    public static final String MARKDOWN = "text/markdown";
    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String PDF = "application/pdf";

    private static final Logger log = LoggerFactory.getLogger(SearchLibrary.class);
    private static final Duration SHOW_TIMEOUT = Duration.ofSeconds(5);

    private final SearchAccessService access;
    private final Uploads uploads;
    private final SearchChunks chunks;
    private final ContentIndexer indexer;
    private final IndexingJobs indexing;
    private final SearchIndex index;
    private final SearchProperties settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SearchLibrary(
            SearchAccessService access,
            Uploads uploads,
            SearchChunks chunks,
            ContentIndexer indexer,
            IndexingJobs indexing,
            SearchIndex index,
            SearchProperties settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.access = access;
        this.uploads = uploads;
        this.chunks = chunks;
        this.indexer = indexer;
        this.indexing = indexing;
        this.index = index;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Markdown and HTML (read as Markdown-style text) are cut at their headings; other text at paragraphs. */
    static boolean sectioned(String mediaType) {
        return mediaType.equals(MARKDOWN) || mediaType.equals(HTML);
    }

    /** 403 {@code search_access_required} unless the user's search access runs (admins always pass). */
    public void requireAccess(CurrentUser user) {
        if (!user.isAdmin() && !access.hasAccess(user.id())) {
            throw new SearchAccessRequired();
        }
    }

    /** A file to add: its name and declared type as the client sent them, and its bytes. */
    public record File(@Nullable String filename, @Nullable String contentType, byte[] bytes) {}

    public Upload upload(CurrentUser user, File file) {
        requireAccess(user);
        long max = settings.maxUploadSize().toBytes();
        if (file.bytes().length > max) {
            throw new TooLarge("The file is larger than the limit of " + max + " bytes");
        }
        String type = mediaType(file.filename(), file.contentType());
        if (chunks.pending() > settings.maxPendingChunks()) {
            throw new LimitReached(
                    ErrorCodes.RATE_LIMITED,
                    "The search index is busy embedding earlier content; try again in a minute",
                    Duration.ofSeconds(60));
        }
        Extracted extracted = extract(type, file.bytes());
        if (extracted.text().isBlank()) {
            throw unreadable("The file contains no text");
        }
        if (extracted.text().length() > settings.maxUploadCharacters()) {
            throw new TooLarge("The file holds more than " + settings.maxUploadCharacters() + " characters of text");
        }
        String filename = filename(file.filename(), type);
        String title = extracted.title() != null && !extracted.title().isBlank()
                ? clip(extracted.title().strip())
                : clip(filename.replaceFirst("\\.[A-Za-z0-9]{1,8}$", ""));
        Upload upload = new Upload(
                UUID.randomUUID(),
                user.id(),
                filename,
                type,
                file.bytes().length,
                title,
                extracted.text().length(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        transactions.executeWithoutResult(status -> {
            uploads.insert(upload, sha256(file.bytes()), extracted.text());
            indexer.writeLocked(List.of(new SourceKey(SourceType.UPLOAD, upload.id())));
        });
        indexing.request();
        showOnThisInstance(upload.id());
        return upload;
    }

    public PageResponse<Upload> list(CurrentUser user, PageQuery page) {
        requireAccess(user);
        return PageResponse.of(
                uploads.forUser(user.id(), page.offset(), page.size(), page.ascending()),
                page,
                uploads.countForUser(user.id()));
    }

    /** An upload with its sections, as they are indexed (search results name them by number). */
    public record UploadContent(Upload upload, List<UploadSection> sections) {}

    public record UploadSection(
            int number,

            @io.swagger.v3.oas.annotations.media.Schema(types = {"string", "null"}) @Nullable
            String heading,

            String text) {}

    public UploadContent get(CurrentUser user, UUID id) {
        requireAccess(user);
        Upload upload = own(user, id);
        String text = uploads.content(id).orElse("");
        List<UploadSection> sections =
                Chunker.upload(id, upload.userId(), upload.title(), text, sectioned(upload.mediaType())).stream()
                        .map(chunk -> new UploadSection(chunk.section(), chunk.heading(), chunk.body()))
                        .toList();
        return new UploadContent(upload, sections);
    }

    public void delete(CurrentUser user, UUID id) {
        requireAccess(user);
        own(user, id);
        transactions.executeWithoutResult(status -> {
            uploads.delete(id);
            indexer.writeLocked(List.of(new SourceKey(SourceType.UPLOAD, id)));
        });
        showOnThisInstance(id);
    }

    /**
     * Read your writes: the answer to an upload or a deletion waits (briefly) until this instance's searches
     * see it, so the next search finds the file, or no longer finds it. Keyword search sees it at once; the
     * semantic half once the indexing job has embedded its passages.
     */
    private void showOnThisInstance(UUID id) {
        try {
            if (!index.reloadAndWait(List.of(new SourceKey(SourceType.UPLOAD, id)), SHOW_TIMEOUT)) {
                log.warn("Upload {} was not in this instance's search index within {}", id, SHOW_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The user's own upload; anyone else's (admins included: it is a private library) is 404. */
    private Upload own(CurrentUser user, UUID id) {
        return uploads.find(id)
                .filter(upload -> upload.userId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("upload " + id));
    }

    // --- reading files -----------------------------------------------------------------------------

    /** The type the file is read as, from its name's extension, else its declared type; 415 otherwise. */
    static String mediaType(@Nullable String filename, @Nullable String contentType) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        String declared = contentType == null
                ? ""
                : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (name.endsWith(".md")
                || name.endsWith(".markdown")
                || declared.equals(MARKDOWN)
                || declared.equals("text/x-markdown")) {
            return MARKDOWN;
        }
        if (name.endsWith(".pdf") || declared.equals(PDF)) {
            return PDF;
        }
        if (name.endsWith(".html") || name.endsWith(".htm") || declared.equals(HTML)) {
            return HTML;
        }
        if (name.endsWith(".txt") || name.endsWith(".text") || declared.equals(PLAIN)) {
            return PLAIN;
        }
        throw new UnsupportedContent("Upload Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf); got "
                + (declared.isEmpty() ? "a file" : declared)
                + (name.isEmpty() ? "" : " named " + filename));
    }

    record Extracted(String text, @Nullable String title) {}

    static Extracted extract(String type, byte[] bytes) {
        return switch (type) {
            case PDF -> pdf(bytes);
            case HTML -> html(utf8(bytes));
            case MARKDOWN -> {
                String text = utf8(bytes);
                String heading = text.lines()
                        .filter(line -> line.matches("#\\s+\\S.*"))
                        .findFirst()
                        .map(line -> line.replaceFirst("#\\s+", ""))
                        .orElse(null);
                yield new Extracted(text, heading);
            }
            default -> new Extracted(utf8(bytes), null);
        };
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw unreadable("The file is binary, not text");
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw unreadable("The file is not UTF-8 text");
        }
    }

    private static Extracted pdf(byte[] bytes) {
        if (bytes.length < 5 || !new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw unreadable("The file is not a PDF");
        }
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setParagraphStart("\n");
            String text = stripper.getText(document);
            String title = document.getDocumentInformation() == null
                    ? null
                    : document.getDocumentInformation().getTitle();
            return new Extracted(text.replace("\r\n", "\n"), title);
        } catch (InvalidPasswordException e) {
            throw unreadable("The PDF is encrypted");
        } catch (IOException e) {
            throw unreadable("The PDF cannot be read: " + e.getMessage());
        }
    }

    /** HTML as text: block elements become paragraphs, headings Markdown-style lines (kept as sections). */
    private static Extracted html(String html) {
        Document document = Jsoup.parse(html);
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode textNode) {
                            text.append(textNode.text());
                        } else if (node instanceof Element element && element.isBlock()) {
                            text.append("\n\n");
                            if (element.normalName().matches("h[1-3]")) {
                                text.append("#".repeat(element.normalName().charAt(1) - '0'))
                                        .append(' ');
                            }
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element element && element.isBlock()) {
                            text.append("\n\n");
                        }
                    }
                },
                document.body());
        String markdownish = text.toString().replaceAll("[ \\t\\x0B\\f]+", " ").replaceAll("\\n\\s*\\n\\s*", "\n\n");
        return new Extracted(markdownish.strip(), document.title());
    }

    private static String filename(@Nullable String filename, String type) {
        String name = filename == null
                ? ""
                : filename.replaceAll("[\\\\/]", "_")
                        .replaceAll("\\p{Cntrl}", "")
                        .strip();
        if (name.isEmpty()) {
            name = "upload"
                    + switch (type) {
                        case MARKDOWN -> ".md";
                        case PDF -> ".pdf";
                        case HTML -> ".html";
                        default -> ".txt";
                    };
        }
        return clip(name);
    }

    private static String clip(String value) {
        return value.length() <= 255 ? value : value.substring(0, 255);
    }

    private static NotProcessable unreadable(String detail) {
        return new NotProcessable(ErrorCodes.UNREADABLE_UPLOAD, detail);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
