package dev.miyabi.platform.generation.internal;

import java.util.List;
import java.util.Map;

/** The offline document writer's English (also the fallback for languages it does not write). */
final class EnglishDocumentText extends DocumentText {

    @Override
    List<Section> sections(String documentType, String title) {
        return switch (documentType) {
            case "proposal" ->
                List.of(
                        new Section(
                                "summary",
                                "Executive summary",
                                "State the proposal, its value and the decision asked for."),
                        new Section("challenge", "The challenge", "Describe the situation and the problem to solve."),
                        new Section(
                                "solution",
                                "Proposed solution",
                                "Explain the solution and how it addresses the challenge."),
                        new Section(
                                "scope",
                                "Scope and deliverables",
                                "List what is included, what is delivered and what is not."),
                        new Section("timeline", "Timeline", "Lay out the phases and milestones."),
                        new Section(
                                "investment",
                                "Investment and key figures",
                                "Present the figures given and what they cover."),
                        new Section("why", "Why us", "Give the reasons to choose this offer."),
                        new Section("next", "Next steps", "Say what happens after approval and who does what."));
            case "contract" ->
                List.of(
                        new Section("parties", "Parties", "Name the parties and the purpose of the agreement."),
                        new Section("definitions", "Definitions", "Define the terms the agreement relies on."),
                        new Section(
                                "services", "Scope of services", "Describe the services and the standards they meet."),
                        new Section(
                                "fees",
                                "Fees, payment and key terms",
                                "Set out the fees, payment terms and figures given."),
                        new Section(
                                "term", "Term and termination", "State the duration and how either party may end it."),
                        new Section(
                                "confidentiality",
                                "Confidentiality",
                                "Protect confidential information of both parties."),
                        new Section("liability", "Limitation of liability", "Limit and allocate liability."),
                        new Section(
                                "law",
                                "Governing law and disputes",
                                "Name the governing law and how disputes are resolved."),
                        new Section("signatures", "Signatures", "Provide signature blocks for both parties."));
            case "report" ->
                List.of(
                        new Section("summary", "Summary", "Give the main findings and recommendations in brief."),
                        new Section("background", "Background", "Explain the context, scope and method."),
                        new Section("figures", "Key figures", "Present the data points given."),
                        new Section("findings", "Findings", "State what the figures and observations show."),
                        new Section("analysis", "Analysis", "Interpret the findings: causes, risks and opportunities."),
                        new Section("recommendations", "Recommendations", "Recommend concrete, prioritised actions."),
                        new Section("conclusion", "Conclusion", "Close with the key message and the next review."));
            case "presentation" ->
                List.of(
                        new Section("agenda", "Agenda", "Outline the talk in a few points."),
                        new Section(
                                "situation", "The situation today", "Describe where things stand and why it matters."),
                        new Section("approach", "Our approach", "Present the approach in three to five points."),
                        new Section("figures", "Key figures", "Show the data points given on one slide."),
                        new Section("roadmap", "Roadmap", "Show the phases and milestones."),
                        new Section("next", "Next steps and questions", "Close with the ask and open the discussion."));
            default ->
                List.of(
                        new Section("what", "What is " + title + "?", "Explain the subject in plain words."),
                        new Section("who", "Who is it for?", "Say who benefits and in which situations."),
                        new Section("how", "How does it work?", "Describe how it works, step by step."),
                        new Section("facts", "What are the key facts?", "Give the data points as facts."),
                        new Section("start", "How do I get started?", "Give the first steps."),
                        new Section("help", "Where can I get help?", "Say where to find support."));
        };
    }

    @Override
    String body(String key, Brief b) {
        String we = b.friendly() ? "we" : "the provider";
        String you = b.friendly() ? "you" : b.audience();
        String table = table(b.data());
        String facts = table.isEmpty()
                ? "The figures will be confirmed together with " + b.audience() + " before work starts."
                : "The figures below are the basis of this " + b.documentType() + ":\n\n" + table;
        return switch (key) {
            case "summary" ->
                switch (b.documentType()) {
                    case "report" ->
                        "This report on **" + b.title() + "** is written for " + b.audience() + ". It brings together "
                                + (b.data().isEmpty()
                                        ? "the available information"
                                        : b.data().size() + " key figures")
                                + ", states what they show and recommends the actions that follow from them.\n\n"
                                + "- The most important findings are set out under *Findings*.\n"
                                + "- *Recommendations* lists the actions in order of priority.";
                    default ->
                        "This proposal, **" + b.title() + "**, is addressed to " + b.audience() + ". It describes the"
                                + " challenge, the proposed solution, its scope, timeline and investment, and the"
                                + " decision requested.\n\n"
                                + (b.persuasive()
                                        ? "Acting now secures the benefits early and keeps the effort predictable."
                                        : "It is meant to give " + b.audience() + " what is needed to decide.");
                };
            case "challenge" ->
                "Today " + b.audience() + " face a situation in which effort is spread thin and results are hard to"
                        + " measure. Without a clear plan, the cost of doing nothing grows every quarter.\n\n"
                        + "- Goals are not shared in one place.\n"
                        + "- Progress is reported late, so problems surface late.\n"
                        + "- Decisions depend on a few people and are hard to repeat.";
            case "solution" ->
                "The solution, " + b.title() + ", addresses these points directly:\n\n"
                        + "1. **Clarity** — one agreed goal and measurable success criteria.\n"
                        + "2. **Delivery** — work in short phases, each ending with a usable result.\n"
                        + "3. **Transparency** — regular, simple reporting to " + b.audience() + ".\n\n"
                        + "Each element can be adapted as " + we + " learn more during the first phase.";
            case "scope" ->
                "**Included:** analysis of the current situation, design of the solution, implementation, and"
                        + " hand-over with documentation and training.\n\n"
                        + "**Deliverables:** a written plan, the working solution, and a final report.\n\n"
                        + "**Not included:** work outside the agreed goal; it can be added by a written change"
                        + " request.";
            case "timeline", "roadmap" ->
                "| Phase | Content | Result |\n| --- | --- | --- |\n"
                        + "| 1. Discovery | interviews, analysis | agreed plan |\n"
                        + "| 2. Build | implementation in short iterations | working solution |\n"
                        + "| 3. Launch | hand-over, training | solution in use |\n"
                        + "| 4. Review | measurement against the goals | final report |\n\n"
                        + "Dates are fixed together once the " + b.documentType() + " is approved.";
            case "investment", "figures", "fees" -> facts;
            case "facts" -> facts;
            case "why" ->
                (b.friendly() ? "We" : "The provider") + " combine experience with a clear method: every phase ends"
                        + " with a result that " + you + " can check. Communication is direct, costs are"
                        + " transparent, and the work is documented so that " + b.audience()
                        + " stay independent.";
            case "next" ->
                (b.documentType().equals("presentation") ? "**The ask:** agreement to start the first phase.\n\n" : "")
                        + "1. Review this " + b.documentType() + " and send any questions.\n"
                        + "2. Confirm the scope and the figures.\n"
                        + "3. Agree on the start date and the first meeting.\n\n"
                        + (b.persuasive()
                                ? "Confirming this week allows work to start without delay."
                                : "Questions are welcome at any time.");
            case "parties" ->
                "This agreement is made between **[Client name]** (the \"Client\") and **[Provider name]** (the"
                        + " \"Provider\") concerning " + b.title() + ". It is intended for " + b.audience() + ".";
            case "definitions" ->
                "- **Services**: the work described under *Scope of services*.\n"
                        + "- **Deliverables**: the results the Provider hands over to the Client.\n"
                        + "- **Confidential information**: any non-public information disclosed by either party.\n"
                        + "- **Effective date**: the date of the last signature below.";
            case "services" ->
                "The Provider performs the Services with due care and in line with recognised professional"
                        + " standards. Changes to the Services require a written agreement of both parties.";
            case "term" ->
                "The agreement starts on the Effective date and runs until the Services are completed, unless"
                        + " terminated earlier. Either party may terminate it with [30] days' written notice, or at"
                        + " once if the other party materially breaches it and does not remedy the breach within"
                        + " [14] days.";
            case "confidentiality" ->
                "Each party keeps the other's Confidential information secret, uses it only for this agreement"
                        + " and returns or deletes it when the agreement ends. This obligation survives termination"
                        + " for [three] years.";
            case "liability" ->
                "Neither party is liable for indirect or consequential loss. Each party's total liability is"
                        + " limited to the fees paid under this agreement in the [twelve] months before the claim,"
                        + " except for wilful misconduct or gross negligence.";
            case "law" ->
                "This agreement is governed by the laws of [jurisdiction]. The parties will first try to settle"
                        + " any dispute amicably; failing that, the courts of [place] have jurisdiction.";
            case "signatures" ->
                "| | Client | Provider |\n| --- | --- | --- |\n"
                        + "| Name | [name] | [name] |\n| Title | [title] | [title] |\n"
                        + "| Signature | | |\n| Date | [date] | [date] |";
            case "background" ->
                "This report covers " + b.title() + ". It was prepared for " + b.audience() + " and is based on "
                        + (b.data().isEmpty()
                                ? "the information available at the time of writing"
                                : "the figures listed under *Key figures*")
                        + ". Where information was missing, this is stated.";
            case "findings" -> findings(b);
            case "analysis" ->
                "Read together, the findings point to a few underlying causes: priorities that compete for the"
                        + " same resources, and measurements that arrive too late to steer. The main risk is"
                        + " continuing without change; the main opportunity is to act on the clearest finding"
                        + " first and measure the effect.";
            case "recommendations" ->
                "1. **Act on the clearest finding first** and agree on one measure of success.\n"
                        + "2. **Review the figures monthly** with " + b.audience() + ".\n"
                        + "3. **Decide at the next review** whether to extend, adjust or stop each measure.";
            case "conclusion" ->
                "The figures give a clear starting point. With the recommended actions and regular reviews, "
                        + b.audience() + " can track progress and adjust early.";
            case "agenda" ->
                "1. The situation today\n2. Our approach\n3. Key figures\n4. Roadmap\n5. Next steps and questions";
            case "situation" ->
                "- Where we stand: " + b.title() + " is on the agenda of " + b.audience() + ".\n"
                        + "- Why it matters now: expectations are rising and time is limited.\n"
                        + "- What is needed: a shared plan and clear measures.";
            case "approach" ->
                "- Start small, with one measurable goal.\n- Deliver in short phases.\n"
                        + "- Report simply and regularly.\n- Decide on evidence at each milestone.";
            case "what" ->
                b.title() + " is explained here for " + b.audience() + " in plain words: what it is, what it is"
                        + " for, and how it is used.";
            case "who" ->
                "It is for " + b.audience() + ", and for anyone who needs a clear answer on " + b.title() + ".";
            case "how" ->
                "1. You state what you need.\n2. The request is reviewed and confirmed.\n"
                        + "3. The work is done and you are kept informed.\n4. You receive the result and can give"
                        + " feedback.";
            case "start" ->
                "Contact the team with a short description of your needs. "
                        + (b.friendly()
                                ? "We'll get back to you quickly with the next steps."
                                : "A reply with the next steps follows promptly.");
            case "help" ->
                "Help is available from the support team: [contact details]. Please mention \"" + b.title()
                        + "\" in your message.";
            default -> generic(key, "", b);
        };
    }

    private String findings(Brief b) {
        if (b.data().isEmpty()) {
            return "No figures were supplied; the findings are therefore qualitative and should be confirmed with"
                    + " data at the next review.";
        }
        StringBuilder text = new StringBuilder();
        b.data()
                .forEach((name, value) -> text.append("- **")
                        .append(MarkdownText.inline(label(name)))
                        .append("** stands at ")
                        .append(MarkdownText.inline(value))
                        .append(".\n"));
        return text.append("\nThese figures are the reference point for the analysis and recommendations.")
                .toString();
    }

    @Override
    String generic(String heading, String purpose, Brief b) {
        return "This section of **" + b.title() + "** covers " + heading.toLowerCase(java.util.Locale.ROOT)
                + " for " + b.audience() + "." + (purpose.isBlank() ? "" : " " + purpose)
                + "\n\n- The key points are stated plainly.\n- Open questions are marked as such.\n"
                + "- Anything that depends on figures refers to the figures given.";
    }

    @Override
    String table(Map<String, String> data) {
        return rows(data, "Item", "Value");
    }
}
