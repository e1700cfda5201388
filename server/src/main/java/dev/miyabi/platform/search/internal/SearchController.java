package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.search.SearchAnswer;
import dev.miyabi.platform.search.SearchResults;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/search")
@Tag(
        name = "Search",
        description = "ContentSearchAgent (203): hybrid keyword + semantic search; the private library and"
                + " cited answers of a paid search plan")
class SearchController {

    private final SearchService search;
    private final SearchLibrary library;
    private final AnswerService answers;

    SearchController(SearchService search, SearchLibrary library, AnswerService answers) {
        this.search = search;
        this.library = library;
        this.answers = answers;
    }

    @GetMapping
    @Operation(
            summary = "Search products, courses, documents and uploads (anyone; a token widens what is found)",
            description = "BM25 keywords (English stemming; Japanese through Kuromoji) and all-MiniLM-L6-v2 vectors"
                    + " fused by reciprocal rank; matchedBy tells which found each result. Anonymous: active"
                    + " products; a user: also their own courses and documents, and their uploads while their"
                    + " search plan runs; admins: everything. Results are sources (a course once, naming the"
                    + " lesson whose passage matched). Blank or over-long q, unknown types, limit outside 1-100"
                    + " → 400 validation_failed. A query of only stop words finds what its meaning finds.")
    SearchResults search(
            @Parameter(description = "the query, 1-500 characters") @RequestParam(required = false) @Nullable String q,
            @Parameter(description = "comma-separated subset of product,course,document,upload (default all)")
                    @RequestParam(required = false)
                    @Nullable
                    String types,
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) @Nullable Integer limit) {
        return search.search(searcher(), q, types, limit);
    }

    /** The question to answer. */
    record AnswerRequest(@Nullable String question) {}

    @PostMapping("/answers")
    @Operation(
            summary = "Answer a question from the passages the caller may see, with numbered citations",
            description = "Needs an active search plan (403 search_access_required). The answer is written by the"
                    + " LLM gateway (offline: quoted from the passages); answers are part of the paid plan, not counted"
                    + " against the studio's monthly token allowance. question: 1-1000 characters (400"
                    + " validation_failed).")
    SearchAnswer answer(@RequestBody AnswerRequest body, CurrentUser user) {
        return answers.answer(user, body.question());
    }

    @PostMapping(value = "/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Add a file to the private library (Markdown, plain text, HTML or PDF; at most 10 MiB)",
            description = "Multipart part `file`. 403 search_access_required without a search plan; 413"
                    + " payload_too_large over 10 MiB; 415 unsupported_media_type for other types; 422"
                    + " unreadable_upload when no text can be read (not UTF-8, an encrypted or broken PDF, no"
                    + " text); 429 rate_limited while the index has too much waiting to be embedded. Searchable"
                    + " by keyword at once, by meaning once embedded.")
    ResponseEntity<Upload> upload(@RequestPart("file") MultipartFile file, CurrentUser user) {
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Upload upload =
                library.upload(user, new SearchLibrary.File(file.getOriginalFilename(), file.getContentType(), bytes));
        return ResponseEntity.created(URI.create("/api/search/uploads/" + upload.id()))
                .body(upload);
    }

    @GetMapping("/uploads")
    @Operation(summary = "My uploads, newest first (sort=createdAt,asc|desc); needs a search plan")
    PageResponse<Upload> uploads(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            CurrentUser user) {
        return library.list(user, PageQuery.of(page, size, sort, Set.of("createdAt"), "createdAt,desc"));
    }

    /**
     * An upload with its text cut into the numbered sections search results and citations name.
     *
     * @param sections {@code number} (1-based), {@code heading} (null for text without headings), {@code text}
     */
    record UploadDetail(
            UUID id,
            UUID userId,
            String filename,
            String mediaType,
            long sizeBytes,
            String title,
            int characters,
            Instant createdAt,
            List<SearchLibrary.UploadSection> sections) {}

    @GetMapping("/uploads/{id}")
    @Operation(summary = "One of my uploads with its sections; anyone else's is 404")
    UploadDetail upload(@PathVariable UUID id, CurrentUser user) {
        SearchLibrary.UploadContent content = library.get(user, id);
        Upload upload = content.upload();
        return new UploadDetail(
                upload.id(),
                upload.userId(),
                upload.filename(),
                upload.mediaType(),
                upload.sizeBytes(),
                upload.title(),
                upload.characters(),
                upload.createdAt(),
                content.sections());
    }

    @DeleteMapping("/uploads/{id}")
    @Operation(summary = "Delete one of my uploads; it leaves every instance's index. 204")
    ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
        library.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    /** The caller, if a valid token came with the request (the search itself is public). */
    private static SearchService.Searcher searcher() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return SearchService.Searcher.ANONYMOUS;
        }
        boolean admin = token.getAuthorities().stream()
                .anyMatch(granted -> Role.ADMIN.authority().equals(granted.getAuthority()));
        return new SearchService.Searcher(UUID.fromString(token.getToken().getSubject()), admin);
    }
}
