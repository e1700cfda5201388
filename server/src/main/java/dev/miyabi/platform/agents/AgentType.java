package dev.miyabi.platform.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.miyabi.platform.shared.Actor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The five business agents, with the ids and names the platform has always used. */
public enum AgentType {
    COURSE_GENERATOR(201, "Course Generator", "Generates structured courses: outline, lessons, exercises and quizzes."),
    DOCUMENT_GENERATOR(202, "Document Generator", "Generates business documents: proposals, contracts, reports, FAQs."),
    CONTENT_SEARCH(203, "Content Search", "Hybrid keyword and semantic search over products and generated content."),
    PAYMENT_PROCESSOR(204, "Payment Processor", "Charges, refunds and reconciles payments through the gateway."),
    APPROVAL_WORKFLOW(205, "Approval Workflow", "Opens approval requests, advances stages and escalates timeouts.");

    private final int id;
    private final String displayName;
    private final String description;

    AgentType(int id, String displayName, String description) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
    }

    public int id() {
        return id;
    }

    /** The wire name, e.g. {@code course_generator}. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This agent as the actor of a change: {@code {type: agent, id: "204", name: "PaymentProcessorAgent"}}. */
    public Actor actor() {
        return Actor.agent(Integer.toString(id), displayName.replace(" ", "") + "Agent");
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** By wire name ({@code course_generator}) or id ({@code 201}). */
    public static Optional<AgentType> parse(String value) {
        return Arrays.stream(values())
                .filter(type ->
                        type.value().equals(value) || Integer.toString(type.id).equals(value))
                .findFirst();
    }

    public static Optional<AgentType> byId(int id) {
        return Arrays.stream(values()).filter(type -> type.id == id).findFirst();
    }
}
