package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * DocumentGeneratorAgent (202). Inside a {@code document_generation} job: validates the input, plans the
 * sections of the document type, writes each section as a durable step, assembles the Markdown, checks the
 * result against {@code document-output.schema.json} and stores it. Output: {@code {title, sections:
 * [{heading, body}], markdown}}.
 */
@Component
class DocumentGeneratorAgent implements Agent {

    static final String OUTLINE_TASK = "document.outline";
    static final String SECTION_TASK = "document.section";

    private final LlmGateway llm;
    private final JsonSchemas schemas;
    private final GeneratedContentService content;
    private final GenerationProperties settings;

    DocumentGeneratorAgent(
            LlmGateway llm, JsonSchemas schemas, GeneratedContentService content, GenerationProperties settings) {
        this.llm = llm;
        this.schemas = schemas;
        this.content = content;
        this.settings = settings;
    }

    @Override
    public AgentType type() {
        return AgentType.DOCUMENT_GENERATOR;
    }

    @Override
    public AgentResult execute(AgentTask task, AgentContext context) {
        JobContext job = context.job().orElse(null);
        if (job == null) {
            return AgentResult.failed("Documents are generated inside AI jobs of type document_generation");
        }
        List<FieldViolation> invalid = schemas.validate("document-input", task.input());
        if (!invalid.isEmpty()) {
            return AgentResult.failed("The document input is invalid: " + CourseGeneratorAgent.describe(invalid));
        }
        try {
            return generate(job, DocumentInput.from(task.input()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Document generation failed: " + e.getMessage(), e);
        }
    }

    private AgentResult generate(JobContext job, DocumentInput input) throws Exception {
        ModelCalls calls = new ModelCalls(llm, job);
        Map<String, Object> document = input.variables();
        JsonNode outline = job.step("outline", () -> {
            job.progress("Planning the " + input.documentType());
            return calls.structured(request(OUTLINE_TASK, "document-outline"), document);
        });
        List<JsonNode> sections = new ArrayList<>();
        outline.path("sections").forEach(sections::add);
        job.totalSteps(1 + sections.size() + 1);
        List<String> headings =
                sections.stream().map(s -> s.path("heading").asString()).toList();

        List<Callable<JsonNode>> steps = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Map<String, Object> variables = new LinkedHashMap<>(document);
            variables.put("sectionNumber", i + 1);
            variables.put("sectionCount", sections.size());
            variables.put("heading", headings.get(i));
            variables.put("purpose", sections.get(i).path("purpose").asString());
            variables.put("outlineHeadings", headings);
            String key = "section-" + (i + 1);
            String message = "Writing section " + (i + 1) + " of " + sections.size() + ": " + headings.get(i);
            steps.add(() -> job.step(key, () -> {
                job.progress(message);
                return calls.structured(request(SECTION_TASK, "document-section"), variables);
            }));
        }
        List<JsonNode> bodies = ParallelSteps.run(steps, settings.parallelSteps());

        ObjectNode result = assemble(input.title(), headings, bodies);
        List<FieldViolation> broken = schemas.validate("document-output", result);
        if (!broken.isEmpty()) {
            throw new IllegalStateException("The assembled document is not valid against document-output: "
                    + CourseGeneratorAgent.describe(broken));
        }
        job.progress("Saving the document");
        // Stored under the job's lease: a worker that lost it stores nothing; a stored document is success.
        job.storeStep(
                "store",
                () -> JsonNodeFactory.instance
                        .objectNode()
                        .put(
                                "documentId",
                                content.storeDocument(job.job(), input, result)
                                        .id()
                                        .toString()));
        return AgentResult.success(result, AgentResult.Metrics.tokens(calls.inputTokens(), calls.outputTokens()));
    }

    private StructuredRequest request(String task, String prompt) {
        return Prompts.request(task, prompt, schemas.schemaNode(prompt), prompt);
    }

    static ObjectNode assemble(String title, List<String> headings, List<JsonNode> bodies) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("title", title);
        ArrayNode sections = document.putArray("sections");
        StringBuilder markdown =
                new StringBuilder("# ").append(MarkdownText.inline(title)).append("\n\n");
        for (int i = 0; i < headings.size(); i++) {
            String body = MarkdownText.clampHeadings(
                    bodies.get(i).path("body").asString().strip(), 3);
            sections.addObject().put("heading", headings.get(i)).put("body", body);
            markdown.append("## ")
                    .append(MarkdownText.inline(headings.get(i)))
                    .append("\n\n")
                    .append(body)
                    .append("\n\n");
        }
        document.put("markdown", markdown.toString().strip() + "\n");
        return document;
    }
}
