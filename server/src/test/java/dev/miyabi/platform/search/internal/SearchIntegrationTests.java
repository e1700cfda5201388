package dev.miyabi.platform.search.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.support.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /api/search} on the shared context: visibility, bad input, Japanese, the library and answers. */
class SearchIntegrationTests extends SearchFixtures {

    @Autowired
    ContentIndexer indexer;

    @Autowired
    Embedder embedder;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ClientEvents events;

    @Test
    void anonymousCallersFindActiveProductsOnlyAndAdminsFindEveryStatus() {
        String word = unique("zephyr");
        String active = createProduct("Telescope " + word, "A " + word + " for stargazing teams", "active");
        String draft = createProduct("Draft " + word, "An unreleased " + word, "draft");
        String archived = createProduct("Old " + word, "A retired " + word, "active");
        api.delete("/api/products/" + archived)
                .token(adminSession().accessToken())
                .send();
        Session customer = register();

        JsonNode forAdmin = awaitSearch(
                api,
                adminSession(),
                word,
                "",
                10,
                results -> ids(results).containsAll(List.of(active, draft, archived)));
        JsonNode hit = resultFor(forAdmin, active);
        assertThat(hit.path("type").asString()).isEqualTo("product");
        assertThat(hit.path("title").asString()).isEqualTo("Telescope " + word);
        assertThat(hit.path("snippet").asString()).contains("<mark>" + word + "</mark>");
        assertThat(matchedBy(hit)).contains("keyword");
        assertThat(hit.path("lesson").isNull()).isTrue();

        // Others may come by meaning (an invented word is near anything); the draft and the archived never.
        assertThat(ids(search(null, word).path("results"))).contains(active).doesNotContain(draft, archived);
        assertThat(ids(search(customer, word).path("results"))).contains(active).doesNotContain(draft, archived);
        // Narrowed to other kinds, none of these products (other tests' courses may come by meaning).
        JsonNode narrowed = search(api, adminSession(), word, "course,document").path("results");
        assertThat(ids(narrowed)).doesNotContain(active, draft, archived);
        for (JsonNode result : narrowed) {
            assertThat(result.path("type").asString()).isIn("course", "document");
        }
    }

    @Test
    void badInputIsRefusedWithTheFieldsNamed() {
        assertField(searchRequest(api, null, "q="), "q");
        assertField(searchRequest(api, null, "q=%20%20"), "q");
        assertField(searchRequest(api, null, "types=product"), "q");
        assertField(searchRequest(api, null, "q=" + "a".repeat(501)), "q");
        assertField(searchRequest(api, null, "q=cloud&types=product,videos"), "types");
        assertField(searchRequest(api, null, "q=cloud&limit=0"), "limit");
        assertField(searchRequest(api, null, "q=cloud&limit=101"), "limit");
        assertProblem(searchRequest(api, null, "q=cloud&limit=ten"), 400, "validation_failed");
        assertThat(searchRequest(api, null, "q=" + "a".repeat(500)).status()).isEqualTo(200);

        // Only stop words or punctuation: no keyword to look for, the meaning still searches.
        for (String q : List.of("the of and", "?!...", "「」")) {
            Api.Response response = searchRequest(api, null, "q=" + encode(q));
            assertThat(response.status()).as(q).isEqualTo(200);
            assertThat(response.json().path("results").isArray()).isTrue();
            response.json()
                    .path("results")
                    .forEach(result -> assertThat(matchedBy(result)).containsExactly("semantic"));
        }
    }

    @Test
    void aCustomersCourseIsFoundByItsOwnerWithTheLessonThatMatchedAndByNobodyElse() {
        Session owner = register();
        Session other = register();
        String topic = "Hydroponic farming " + unique("crop");
        String jobId =
                submit(owner, "course_generation", courseInput(topic, "en", 1)).text("id");
        awaitJob(owner, jobId, "completed");
        String word = topic.substring(topic.lastIndexOf(' ') + 1);

        JsonNode results = awaitSearch(api, owner, word, "", 10, containsId(jobId));
        JsonNode course = resultFor(results, jobId);
        assertThat(course.path("type").asString()).isEqualTo("course");
        assertThat(course.path("title").asString()).contains(topic);
        // The lesson whose passage matched, numbered as the course page numbers it.
        JsonNode lessonHit =
                resultFor(search(api, owner, "Clean data " + word, "course").path("results"), jobId);
        assertThat(lessonHit.path("lesson").path("module").asInt()).isPositive();
        assertThat(lessonHit.path("lesson").path("lesson").asInt()).isPositive();
        assertThat(lessonHit.path("lesson").path("title").asString()).isNotBlank();

        assertThat(ids(search(other, word).path("results"))).doesNotContain(jobId);
        assertThat(ids(search(null, word).path("results"))).doesNotContain(jobId);
        assertThat(ids(search(adminSession(), word).path("results"))).contains(jobId);

        // Once embedded, its meaning finds it too: a paraphrase without its words.
        awaitEmbedded(SourceType.COURSE, jobId);
        JsonNode semantic =
                awaitSearch(api, owner, "growing vegetables in water without soil", "course", 10, containsId(jobId));
        assertThat(matchedBy(resultFor(semantic, jobId))).contains("semantic");
        assertThat(ids(search(api, other, "growing vegetables in water without soil", "course")
                        .path("results")))
                .doesNotContain(jobId);
    }

    @Test
    void myResultsAreFoundAmongAThousandInvisibleChunksThatMatchBetter() {
        Session owner = register();
        Session stranger = register();
        String word = unique("quasar");
        String mine = createDocumentChunk(owner.id(), "Notes on " + word, "A short remark about " + word + ".");
        float[] vector = embedder.embed("Notes on " + word);
        List<UUID> strangers = new java.util.ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 1000; i++) {
                UUID id = UUID.randomUUID();
                strangers.add(id);
                insertChunk(
                        new SourceKey(SourceType.DOCUMENT, id),
                        stranger.id(),
                        word + " " + word + " report " + i,
                        (word + " ").repeat(20),
                        vector);
            }
            indexer.announce(strangers.stream()
                    .map(id -> new SourceKey(SourceType.DOCUMENT, id))
                    .toList());
        });
        try {
            // The stranger's chunks rank first for everyone once all thousand are in the index (a busy indexer
            // makes a first batch searchable before the rest).
            awaitSearch(
                    api,
                    adminSession(),
                    word,
                    "document",
                    20,
                    results -> results.size() == 50 && !ids(results).contains(mine));
            JsonNode forOwner = search(api, owner, word, "document").path("results");
            assertThat(ids(forOwner)).containsExactly(mine);
            assertThat(matchedBy(forOwner.get(0))).containsExactlyInAnyOrder("keyword", "semantic");
            assertThat(ids(search(api, owner, "Notes on " + word, "document").path("results")))
                    .containsExactly(mine);
        } finally {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("DELETE FROM search_chunks WHERE owner_id = :owner")
                        .param("owner", stranger.id())
                        .update();
                indexer.announce(strangers.stream()
                        .map(id -> new SourceKey(SourceType.DOCUMENT, id))
                        .toList());
            });
        }
    }

    @Test
    void japaneseContentIsFoundByAJapaneseQuery() {
        Session owner = register();
        String jobId = submit(owner, "course_generation", courseInput("データ分析の基礎と実践", "ja", 1))
                .text("id");
        awaitJob(owner, jobId, "completed");
        String product = createProduct("抹茶ラテ製造ライン " + unique("m"), "京都の工場向けの抹茶ラテ製造ラインの自動化サービス。", "active");

        JsonNode course = resultFor(awaitSearch(api, owner, "データ分析", "course", 10, containsId(jobId)), jobId);
        assertThat(course.path("title").asString()).contains("データ分析");
        assertThat(matchedBy(course)).contains("keyword");
        assertThat(course.path("snippet").asString()).contains("<mark>");

        JsonNode matcha = resultFor(awaitSearch(api, null, "抹茶の製造", "product", 10, containsId(product)), product);
        assertThat(matcha.path("snippet").asString()).contains("<mark>抹茶</mark>");
        assertThat(ids(search(api, null, "データ分析", "").path("results"))).doesNotContain(jobId);
    }

    @Test
    void theLibraryAndAnswersNeedASearchPlan() {
        Session customer = register();
        byte[] notes = "# Notes\nSome text.".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload(api, customer, "notes.md", "text/markdown", notes), 403, "search_access_required");
        assertProblem(
                api.get("/api/search/uploads").token(customer.accessToken()).send(), 403, "search_access_required");
        assertProblem(
                api.post("/api/search/answers")
                        .token(customer.accessToken())
                        .json(Map.of("question", "What is in my notes?"))
                        .send(),
                403,
                "search_access_required");
        assertProblem(
                api.post("/api/search/answers")
                        .json(Map.of("question", "Anyone?"))
                        .send(),
                401,
                "unauthorized");
        assertProblem(
                api.post("/api/admin/search/reindex")
                        .token(customer.accessToken())
                        .send(),
                403,
                "forbidden");
    }

    @Test
    void uploadsAreReadIndexedAndPrivateAndLeaveTheIndexWhenDeleted() throws IOException {
        Session owner = register();
        Session other = register();
        grantSearchPlan(owner);
        grantSearchPlan(other);
        String word = unique("nebula");
        String markdown = "# Field guide\n\nIntro.\n\n## Cooling loops\n\nThe " + word
                + " chiller keeps the loop at 4 degrees.\n\n## Maintenance\n\nClean filters monthly.";
        Api.Response created =
                upload(api, owner, "guide.md", "text/markdown", markdown.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.header("Location")).contains("/api/search/uploads/" + id);
        assertThat(created.text("title")).isEqualTo("Field guide");
        assertThat(created.text("mediaType")).isEqualTo("text/markdown");

        JsonNode hit = resultFor(awaitSearch(api, owner, word, "upload", 10, containsId(id)), id);
        assertThat(hit.path("type").asString()).isEqualTo("upload");
        assertThat(hit.path("section").path("heading").asString()).isEqualTo("Cooling loops");
        int number = hit.path("section").path("number").asInt();
        JsonNode detail = api.get("/api/search/uploads/" + id)
                .token(owner.accessToken())
                .send()
                .json();
        assertThat(detail.path("sections").get(number - 1).path("text").asString())
                .contains(word);

        assertThat(ids(search(api, other, word, "").path("results"))).doesNotContain(id);
        assertThat(ids(search(api, null, word, "").path("results"))).doesNotContain(id);
        assertProblem(
                api.get("/api/search/uploads/" + id).token(other.accessToken()).send(), 404, "not_found");
        assertProblem(
                api.delete("/api/search/uploads/" + id)
                        .token(other.accessToken())
                        .send(),
                404,
                "not_found");
        JsonNode mine =
                api.get("/api/search/uploads").token(owner.accessToken()).send().json();
        assertThat(mine.path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/search/uploads")
                        .token(other.accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isZero();

        // PDF: the text is extracted with PDFBox.
        String pdfWord = unique("pulsar");
        Api.Response pdf =
                upload(api, owner, "report.pdf", "application/pdf", pdf("Quarterly " + pdfWord + " results"));
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(201);
        String pdfId = pdf.text("id");
        JsonNode pdfDetail = api.get("/api/search/uploads/" + pdfId)
                .token(owner.accessToken())
                .send()
                .json();
        assertThat(pdfDetail.path("sections").get(0).path("text").asString()).contains("Quarterly " + pdfWord);
        awaitSearch(api, owner, pdfWord, "upload", 10, containsId(pdfId));

        assertThat(api.delete("/api/search/uploads/" + id)
                        .token(owner.accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        awaitSearch(api, owner, word, "upload", 10, results -> !ids(results).contains(id));
        assertProblem(
                api.get("/api/search/uploads/" + id).token(owner.accessToken()).send(), 404, "not_found");
        assertThat(jdbc.sql("SELECT count(*) FROM search_chunks WHERE source_id = :id")
                        .param("id", UUID.fromString(id))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theNextSearchFindsAnUploadAndNoLongerFindsADeletedOneEvenWhileEventsAreHeldBack() throws Exception {
        Session owner = register();
        grantSearchPlan(owner);
        String word = unique("quasar");
        byte[] markdown =
                ("# Observatory log\n\nThe " + word + " flared twice tonight.").getBytes(StandardCharsets.UTF_8);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // An appending transaction left open holds every later event back on every instance, the upload's too.
        Thread holder = Thread.ofVirtual()
                .start(() -> transactions.executeWithoutResult(status -> {
                    events.append("test.hold", "test", "hold", Map.of(), List.of(), List.of());
                    appended.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            Api.Response created = upload(api, owner, "log.md", "text/markdown", markdown);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.text("id");
            assertThat(ids(search(api, owner, word, "upload").path("results")))
                    .as("found by the search right after the upload")
                    .contains(id);

            assertThat(api.delete("/api/search/uploads/" + id)
                            .token(owner.accessToken())
                            .send()
                            .status())
                    .isEqualTo(204);
            assertThat(ids(search(api, owner, word, "upload").path("results")))
                    .as("not found by the search right after the deletion")
                    .doesNotContain(id);
        } finally {
            release.countDown();
            holder.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void uploadsThatAreTooLargeOfTheWrongKindOrUnreadableAreRefused() {
        Session owner = register();
        grantSearchPlan(owner);
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) 'a');
        byte[] justOver = Arrays.copyOf(tenMegabytes, tenMegabytes.length + 1);
        byte[] farOver = Arrays.copyOf(tenMegabytes, tenMegabytes.length + 512 * 1024);
        assertProblem(upload(api, owner, "big.txt", "text/plain", justOver), 413, "payload_too_large");
        assertProblem(upload(api, owner, "huge.txt", "text/plain", farOver), 413, "payload_too_large");
        assertProblem(
                upload(api, owner, "photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
                415,
                "unsupported_media_type");
        assertProblem(
                upload(api, owner, "notes.pdf", "application/pdf", "not a pdf".getBytes(StandardCharsets.UTF_8)),
                422,
                "unreadable_upload");
        assertProblem(
                upload(api, owner, "latin1.txt", "text/plain", new byte[] {'c', 'a', 'f', (byte) 0xE9}),
                422,
                "unreadable_upload");
        assertProblem(
                upload(api, owner, "empty.md", "text/markdown", "  \n".getBytes(StandardCharsets.UTF_8)),
                422,
                "unreadable_upload");
        assertProblem(
                api.post("/api/search/uploads")
                        .token(owner.accessToken())
                        .json(Map.of("file", "x"))
                        .send(),
                415,
                "unsupported_media_type");
        assertThat(api.get("/api/search/uploads")
                        .token(owner.accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void answersCiteOnlyPassagesTheAskerMaySee() {
        Session owner = register();
        Session other = register();
        grantSearchPlan(owner);
        // Answers come with the paid plan: the studio's trial allowance neither limits nor counts them.
        assertThat(api.put("/api/admin/token-budgets/users/" + owner.id())
                        .token(adminSession().accessToken())
                        .json(Map.of("monthlyTokens", 1))
                        .send()
                        .status())
                .isEqualTo(200);
        grantSearchPlan(other);
        String word = unique("comet");
        String uploadId = upload(
                        api,
                        owner,
                        "policy.txt",
                        "text/plain",
                        ("The " + word + " retention policy keeps invoices for seven years.")
                                .getBytes(StandardCharsets.UTF_8))
                .text("id");
        awaitEmbedded(SourceType.UPLOAD, uploadId);
        // The answer reads this instance's index, which takes the vectors from the event log a moment later.
        awaitSearch(api, owner, "invoices retention " + word, "upload", 10, containsId(uploadId));

        Api.Response response = api.post("/api/search/answers")
                .token(owner.accessToken())
                .json(Map.of("question", "How long does the " + word + " retention policy keep invoices?"))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.path("answer").asString()).contains("seven years").contains("[1]");
        JsonNode citation = answer.path("citations").get(0);
        assertThat(citation.path("n").asInt()).isEqualTo(1);
        assertThat(citation.path("type").asString()).isEqualTo("upload");
        assertThat(citation.path("id").asString()).isEqualTo(uploadId);
        assertThat(answer.path("generatedBy").path("provider").asString()).isEqualTo("offline");
        assertThat(answer.path("tokenUsage").path("input").asLong()).isPositive();

        JsonNode theirs = api.post("/api/search/answers")
                .token(other.accessToken())
                .json(Map.of("question", "How long does the " + word + " retention policy keep invoices?"))
                .send()
                .json();
        assertThat(theirs.path("citations").findValuesAsString("id")).doesNotContain(uploadId);
        assertThat(theirs.path("answer").asString()).doesNotContain("seven years");

        assertProblem(
                api.post("/api/search/answers")
                        .token(owner.accessToken())
                        .json(Map.of("question", " "))
                        .send(),
                400,
                "validation_failed");
        assertProblem(
                api.post("/api/search/answers")
                        .token(owner.accessToken())
                        .json(Map.of("question", "x".repeat(1001)))
                        .send(),
                400,
                "validation_failed");
        assertThat(api.post("/api/search/answers")
                        .token(owner.accessToken())
                        .json(Map.of("question", "Why " + "so ".repeat(300) + word + "?"))
                        .send()
                        .status())
                .isEqualTo(200);
        JsonNode budget =
                api.get("/api/ai/budget").token(owner.accessToken()).send().json();
        assertThat(budget.path("used").asLong()).as(budget.toString()).isZero();
        assertThat(budget.path("remaining").asLong()).as(budget.toString()).isEqualTo(1);
        // The answers are ContentSearchAgent tasks on the board.
        JsonNode tasks = api.get("/api/agents/tasks?agent=content_search&size=100")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(tasks.path("items").findValuesAsString("resourceId"))
                .contains(owner.id().toString());
    }

    @Test
    void indexingIsContentSearchAgentWorkAndAReindexEmbedsNothingThatDidNotChange() {
        String word = unique("aurora");
        String product = createProduct("Lamp " + word, "A reading lamp", "active");
        awaitEmbedded(SourceType.PRODUCT, product);
        Timestamp embeddedAt = embeddedAt(product);

        Api.Response reindex = api.post("/api/admin/search/reindex")
                .token(adminSession().accessToken())
                .send();
        assertThat(reindex.status()).as(reindex.toString()).isEqualTo(202);
        JsonNode job = awaitJob(adminSession(), reindex.text("id"), "completed");
        assertThat(job.path("type").asString()).isEqualTo("search_indexing");
        assertThat(embeddedAt(product)).isEqualTo(embeddedAt);
        // Every product of the catalog (whatever its id) has its passage.
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM products p WHERE NOT EXISTS (
                            SELECT 1 FROM search_chunks c WHERE c.source_type = 'product' AND c.source_id = p.id)
                        """).query(Long.class).single()).isZero();

        JsonNode tasks = api.get("/api/agents/tasks?agent=content_search&status=completed&size=100")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(tasks.path("items").findValuesAsString("title"))
                .contains("Reindex all searchable content", "Embed new searchable passages");
        JsonNode agents = api.get("/api/agents")
                .token(adminSession().accessToken())
                .send()
                .json();
        for (JsonNode agent : agents) {
            if (agent.path("id").asInt() == 203) {
                assertThat(agent.path("completedTasks").asLong()).isPositive();
            }
        }
        JsonNode status = api.get("/api/admin/search")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(status.path("chunks").asLong()).isPositive();
        assertThat(status.path("embeddingModel").asString()).isEqualTo("all-MiniLM-L6-v2");
    }

    @Test
    void productsThatExistedBeforeTheIndexAreFoundAfterTheFirstStart() {
        // A product written without catalog events, as the demo catalog seeds them or as a database from
        // before the search index holds them.
        String word = unique("legacy");
        UUID product =
                jdbc.sql("""
                        INSERT INTO products (name, description, price, currency, category, status)
                        VALUES (:name, 'Seeded before search existed', 10.00, 'USD', 'technical_support', 'active')
                        RETURNING id
                        """).param("name", "Archive " + word).query(UUID.class).single();
        jdbc.sql("UPDATE search_indexing SET backfill_needed = TRUE WHERE id = 1")
                .update();

        indexer.backfillOnce();
        indexer.backfillOnce(); // once only: the flag is cleared with the job queued

        awaitSearch(api, null, word, "product", 10, containsId(product));
        assertThat(jdbc.sql("SELECT backfill_needed FROM search_indexing WHERE id = 1")
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    private Timestamp embeddedAt(String productId) {
        return jdbc.sql("SELECT embedded_at FROM search_chunks WHERE source_type = 'product' AND source_id = :id")
                .param("id", UUID.fromString(productId))
                .query(Timestamp.class)
                .single();
    }

    private String createDocumentChunk(UUID owner, String title, String body) {
        UUID id = UUID.randomUUID();
        SourceKey key = new SourceKey(SourceType.DOCUMENT, id);
        transactions.executeWithoutResult(status -> {
            insertChunk(key, owner, title, body, embedder.embed(title + "\n" + body));
            indexer.announce(List.of(key));
        });
        return id.toString();
    }

    private void insertChunk(SourceKey key, UUID owner, String title, String body, float[] vector) {
        jdbc.sql("""
                        INSERT INTO search_chunks (source_type, source_id, ordinal, owner_id, status, title, language, body,
                            content_hash, embedding, embedded_at)
                        VALUES (:type, :id, 0, :owner, 'active', :title, 'en', :body, :hash, :embedding, now())
                        """)
                .param("type", key.type().value())
                .param("id", key.id())
                .param("owner", owner)
                .param("title", title)
                .param("body", body)
                .param("hash", new byte[32])
                .param("embedding", Embedder.toBytes(vector))
                .update();
    }

    private static void assertField(Api.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "validation_failed");
        assertThat(problem.path("errors").findValuesAsString("field")).contains(field);
    }

    private static byte[] pdf(String line) throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(line);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
