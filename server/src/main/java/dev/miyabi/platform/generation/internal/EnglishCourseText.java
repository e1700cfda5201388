package dev.miyabi.platform.generation.internal;

import java.util.ArrayList;
import java.util.List;

/** The offline course writer's English (also the fallback for languages it does not write). */
final class EnglishCourseText extends CourseText {

    @Override
    String courseTitle(CourseInput input) {
        String topic = upper(shorten(input.topic(), 150));
        return switch (input.difficulty()) {
            case "advanced" -> "Advanced " + (topic);
            case "intermediate" -> topic + " in Practice";
            default -> topic + ": A Practical Introduction";
        };
    }

    @Override
    String description(CourseInput input) {
        return "A " + input.hoursText() + "-hour " + input.difficulty() + " course on " + (input.topic())
                + " for " + (input.targetAudience()) + ". Its objectives: " + list(input.learningObjectives())
                + ". Each module combines short " + formatNoun(input.format())
                + " lessons with worked examples, hands-on exercises and a quiz, and the course ends with a"
                + " capstone project in which you apply everything to a task of your own.";
    }

    @Override
    List<String> prerequisites(CourseInput input) {
        String topic = (input.topic());
        List<String> prerequisites = new ArrayList<>(
                switch (input.difficulty()) {
                    case "advanced" ->
                        List.of(
                                "Solid, hands-on experience with " + topic,
                                "Comfort with the intermediate concepts and vocabulary of " + topic,
                                "A real project or data set on which to try advanced techniques");
                    case "intermediate" ->
                        List.of(
                                "Working knowledge of the basics of " + topic,
                                "Some experience applying " + topic + " in simple tasks");
                    default ->
                        List.of(
                                "No prior experience with " + topic + " is needed",
                                "Basic computer skills and a willingness to practise");
                });
        switch (input.format()) {
            case "video" -> prerequisites.add("A device that plays video with sound");
            case "interactive" -> prerequisites.add("A current web browser for the interactive exercises");
            default -> prerequisites.add("A notebook (paper or digital) for the exercises");
        }
        return prerequisites;
    }

    @Override
    String moduleTitle(ModuleKind kind, CourseInput input, List<String> focus) {
        String topic = shorten(input.topic(), 120);
        return switch (kind) {
            case FOUNDATIONS -> "Foundations of " + (topic);
            case OBJECTIVE -> focusTitle(focus);
            case DEEPENING -> shorten(upper(focus.getFirst()), 150) + ": beyond the basics";
            case CAPSTONE -> "Capstone: putting " + (topic) + " to work";
        };
    }

    @Override
    String moduleSummary(ModuleKind kind, CourseInput input, List<String> focus) {
        String topic = (input.topic());
        return switch (kind) {
            case FOUNDATIONS ->
                "Lays the groundwork: what " + topic + " is and why it matters to "
                        + (input.targetAudience()) + ", the vocabulary you need, and a first walkthrough"
                        + " from start to finish.";
            case OBJECTIVE ->
                (focus.size() == 1
                                ? "Teaches the objective “" + focus.getFirst() + "”"
                                : "Covers the objectives " + quotedList(focus))
                        + ": the ideas behind it, a step-by-step method, worked examples, common pitfalls and"
                        + " practice.";
            case DEEPENING ->
                "Takes “" + focus.getFirst() + "” further: advanced techniques, edge cases and trade-offs, and a"
                        + " realistic case study.";
            case CAPSTONE ->
                "Brings every objective together in a project of your own, from the plan to the presentation of"
                        + " your results, and shows where to go next with " + topic + ".";
        };
    }

    @Override
    String lessonTitle(ModuleKind kind, int role, CourseInput input, String focus) {
        String f = shorten(upper(focus), 150);
        String topic = (shorten(input.topic(), 150));
        return switch (kind) {
            case FOUNDATIONS ->
                List.of(
                                upper(topic) + ": what it is and why it matters",
                                "Key concepts and vocabulary",
                                "Setting up your workspace",
                                "A first walkthrough",
                                "How this course fits together",
                                "Foundations review")
                        .get(role);
            case OBJECTIVE ->
                f
                        + List.of(
                                        ": why it matters",
                                        ": core concepts",
                                        ": step by step",
                                        ": a worked example",
                                        ": common pitfalls",
                                        ": practice and review")
                                .get(role);
            case DEEPENING ->
                f
                        + List.of(
                                        ": advanced techniques",
                                        ": edge cases and trade-offs",
                                        ": a realistic case study",
                                        ": quality and best practices",
                                        ": troubleshooting",
                                        ": mastery review")
                                .get(role);
            case CAPSTONE ->
                List.of(
                                "Planning your " + topic + " project",
                                "Building the first version",
                                "Reviewing and improving your work",
                                "Presenting your results",
                                "Where to go next",
                                "Course review")
                        .get(role);
        };
    }

    @Override
    List<String> lessonTopics(ModuleKind kind, int role, CourseInput input, String focus) {
        String f = (shorten(focus, 100));
        String topic = (shorten(input.topic(), 100));
        return switch (kind) {
            case FOUNDATIONS ->
                List.of(
                                List.of("what " + topic + " is", "why " + topic + " matters", "where it is used"),
                                List.of("core vocabulary", "key concepts", "common misconceptions"),
                                List.of("tools and resources", "a working setup", "first checks"),
                                List.of("an end-to-end example", "reading the results", "what to try next"),
                                List.of("the learning path", "the course objectives", "study habits that work"),
                                List.of("self-check", "open questions", "preparing for the next module"))
                        .get(role);
            case OBJECTIVE ->
                List.of(
                                List.of("the purpose of " + f, "typical situations", "what a good result looks like"),
                                List.of("key ideas behind " + f, "terminology", "how the parts fit together"),
                                List.of("a step-by-step method", "checking each step", "tools that help"),
                                List.of("a realistic scenario", "decisions and trade-offs", "reviewing the result"),
                                List.of("frequent mistakes", "early warning signs", "how to recover"),
                                List.of("guided practice", "self-assessment", "applying " + f + " at work"))
                        .get(role);
            case DEEPENING ->
                List.of(
                                List.of("advanced techniques for " + f, "when the basics are not enough"),
                                List.of("edge cases", "trade-offs between approaches"),
                                List.of("a case study", "lessons learned"),
                                List.of("quality criteria", "best practices", "reviewing work"),
                                List.of("diagnosing problems", "systematic troubleshooting"),
                                List.of("mastery checklist", "next challenges"))
                        .get(role);
            case CAPSTONE ->
                List.of(
                                List.of("choosing a project", "scope and success criteria"),
                                List.of("applying the objectives together", "working in small iterations"),
                                List.of("self-review", "feedback", "improvements"),
                                List.of("telling the story of your project", "evidence of learning"),
                                List.of("further resources", "a personal learning plan"),
                                List.of("the objectives revisited", "final self-assessment"))
                        .get(role);
        };
    }

    @Override
    String assessmentStrategy(CourseInput input, int modules, int questionsPerQuiz) {
        return "Each of the " + modules + " modules ends with a multiple-choice quiz of about " + questionsPerQuiz
                + " questions with explanations; a score of 70 % or more shows the module is mastered, and the quiz"
                + " may be repeated. Every lesson has two or three exercises with hints for self-assessment. The"
                + " capstone project is assessed against the course objectives (" + list(input.learningObjectives())
                + "): for each one, the project must show where and how it was applied.";
    }

    @Override
    String introduction(LessonBrief lesson) {
        String text = "In this lesson you work on **" + lesson.focus() + "**, part of the module “"
                + lesson.moduleTitle() + "”. It takes about " + lesson.minutes() + " minutes and is written for "
                + (lesson.audience()) + ".";
        text += switch (lesson.difficulty()) {
            case "advanced" -> " It assumes you know the fundamentals and concentrates on judgement and depth.";
            case "intermediate" -> " It builds on the basics and concentrates on applying them with confidence.";
            default -> " No prior knowledge is assumed: every term is explained when it first appears.";
        };
        String topics = list(lesson.topics());
        text += "\n\nYou will look at " + topics + ", and finish with exercises that apply them to "
                + (lesson.courseTopic()) + ".";
        text += switch (lesson.format()) {
            case "video" -> " Watch the video segment first, then use this text as your reference.";
            case "interactive" -> " Try each step in the interactive workspace as you read.";
            default -> "";
        };
        return text;
    }

    private static final List<String> OPENINGS = List.of(
            "%s is one of the building blocks of %s: once you can explain it in your own words, the rest of this"
                    + " lesson becomes much easier to follow.",
            "Start with %s by asking what problem it solves in %s, what goes in, what comes out, and how you would"
                    + " know that it worked.",
            "When people who work with %2$s talk about %1$s, they usually mean a repeatable way of working rather"
                    + " than a single trick.",
            "%s matters in %s because it turns a vague goal into concrete steps that you can check one by one.");

    private static final List<String> FOLLOW_UPS = List.of(
            "Look at it from your own point of view: where does it appear in your work, and what would change if"
                    + " you did it more deliberately?",
            "Write down the two or three decisions it involves, and note which of them you usually make without"
                    + " thinking about them.",
            "A good test of understanding is to predict the outcome before you try it, then compare the prediction"
                    + " with what actually happens.",
            "Notice how it connects to what you learned earlier in this module: most mistakes happen at the"
                    + " boundaries between steps.");

    @Override
    String explanation(LessonBrief lesson) {
        StringBuilder text = new StringBuilder();
        String topic = (lesson.courseTopic());
        for (int i = 0; i < lesson.topics().size(); i++) {
            String t = lesson.topics().get(i);
            int variant = lesson.lessonNumber() + lesson.moduleNumber() + i;
            text.append("### ").append(upper(t)).append("\n\n");
            String opening = OPENINGS.get(variant % OPENINGS.size());
            text.append(upper(opening.formatted(
                            variant % OPENINGS.size() == 1 || variant % OPENINGS.size() == 2 ? (t) : upper(t), topic)))
                    .append(' ')
                    .append(FOLLOW_UPS.get(variant % FOLLOW_UPS.size()))
                    .append(' ')
                    .append(difficultyNote(lesson.difficulty(), variant))
                    .append("\n\n");
        }
        text.append("### A dependable method\n\nWhen you work on ")
                .append((lesson.focus()))
                .append(", these steps keep you on track:\n\n")
                .append("1. Clarify the goal and what a good result looks like.\n")
                .append("2. Gather what you need: ")
                .append(list(lesson.topics()))
                .append(".\n")
                .append("3. Work through one small case from start to finish.\n")
                .append("4. Check the result against the goal and note anything that surprised you.\n")
                .append("5. Repeat with a larger or messier case, and keep what worked.\n\n");
        if (lesson.depth() >= 2) {
            text.append("### Going further\n\nOnce the method feels natural, vary one thing at a time: a different"
                            + " input, a tighter deadline, a colleague's way of doing it. Each variation shows you"
                            + " which parts of ")
                    .append((lesson.focus()))
                    .append(" are essential and which are habits you can change.\n\n");
        }
        if (lesson.depth() >= 3) {
            text.append("### A closer look\n\nLonger lessons leave room for reflection. Take ten minutes to compare"
                            + " two approaches you have seen in this lesson, list their strengths and weaknesses"
                            + " in a table, and decide which one you would use for ")
                    .append((lesson.audience()))
                    .append(" and why.\n\n");
        }
        text.append(
                switch (lesson.format()) {
                    case "video" ->
                        "> **In the video:** pause after each step and repeat it yourself before you watch the next"
                                + " one.";
                    case "interactive" ->
                        "> **Try it:** change one step at a time in the workspace and watch how the result"
                                + " changes.";
                    default -> "> **Tip:** keep notes as you read; they become your personal reference sheet.";
                });
        return text.toString();
    }

    private static String difficultyNote(String difficulty, int variant) {
        return switch (difficulty) {
            case "advanced" ->
                variant % 2 == 0
                        ? "Go beyond the defaults: consider edge cases, performance and how the approach holds up"
                                + " as the problem grows."
                        : "Question the usual advice: under which conditions does it stop being true?";
            case "intermediate" ->
                variant % 2 == 0
                        ? "Pay attention to the trade-offs: the quickest approach is not always the easiest to"
                                + " maintain."
                        : "Compare the approach with the one you use today and note what you would change.";
            default ->
                variant % 2 == 0
                        ? "Do not worry about special cases yet; aim for a clear picture of the normal case."
                        : "If a term is new to you, write a one-line definition of it in your notes.";
        };
    }

    @Override
    List<Example> examples(LessonBrief lesson) {
        List<Example> examples = new ArrayList<>();
        String first = (lesson.topic(0));
        examples.add(new Example(
                "Worked example: " + first,
                "Suppose you are one of " + (lesson.audience()) + " and need to deal with " + first
                        + " in a real task.\n\n"
                        + "1. Describe the starting point in one sentence.\n"
                        + "2. Apply what this lesson says about " + first
                        + " to one small, concrete case — for example the first item on your task list.\n"
                        + "3. Check the result: is it what you expected? If not, which step surprised you?\n\n"
                        + "The aim is not a perfect result but a clear trail of decisions that you can repeat."));
        if (lesson.depth() >= 2 && lesson.topics().size() > 1) {
            String second = (lesson.topic(1));
            examples.add(new Example(
                    "Before and after: " + second,
                    "**Before:** the work on " + second + " is done ad hoc, and nobody can tell why a result came"
                            + " out the way it did.\n\n**After:** the same work follows the method of this lesson,"
                            + " each decision is written down, and a colleague could repeat it.\n\nCompare the two"
                            + " and list what you would keep from each."));
        }
        return examples;
    }

    @Override
    List<Exercise> exercises(LessonBrief lesson) {
        List<Exercise> exercises = new ArrayList<>();
        exercises.add(new Exercise(
                "Explain " + (lesson.topic(0)) + " in three sentences to a colleague who has never heard of" + " it.",
                "Start with the problem it solves, then say how it works, then give one example from your own"
                        + " work."));
        exercises.add(new Exercise(
                "Apply what this lesson says about " + (lesson.topic(1))
                        + " to a small task of your own and write down each step you took.",
                "Pick a task you can finish in ten minutes: a small, complete attempt teaches more than a large,"
                        + " unfinished one."));
        if (lesson.minutes() >= 20) {
            exercises.add(new Exercise(
                    "List two mistakes people often make with " + (lesson.focus())
                            + ", and how you would notice each one early.",
                    "Think about what a result looks like when something went wrong, and which check would have"
                            + " caught it."));
        }
        return exercises;
    }

    @Override
    String summary(LessonBrief lesson) {
        StringBuilder text = new StringBuilder();
        for (String t : lesson.topics()) {
            text.append("- **")
                    .append(upper(t))
                    .append("**: you can explain what it is for and apply it to a small case.\n");
        }
        text.append("\n")
                .append(
                        lesson.lessonNumber() < lesson.lessonCount()
                                ? "Keep your notes and exercise answers: the next lesson builds on them."
                                : "Keep your notes and exercise answers: the module quiz builds on them.");
        return text.toString();
    }

    @Override
    Question topicsOfLesson(String lessonTitle, String correct, List<String> wrong) {
        return new Question(
                "Which topics does the lesson “" + lessonTitle + "” focus on?",
                correct,
                wrong,
                "“" + lessonTitle + "” covers " + correct + "; the other options belong to other lessons or to"
                        + " none of them.");
    }

    @Override
    Question lessonOfTopic(String topic, String correctLesson, List<String> otherLessons) {
        return new Question(
                "Which lesson of this module covers “" + topic + "”?",
                correctLesson,
                otherLessons,
                "“" + topic + "” is one of the topics of the lesson “" + correctLesson + "”.");
    }

    @Override
    Question practice(String moduleTitle, int index) {
        return switch (index % 4) {
            case 0 ->
                new Question(
                        "You are about to work on “" + moduleTitle + "” for the first time. What is the most useful"
                                + " first step?",
                        "Clarify the goal and what a good result looks like",
                        List.of(
                                "Start with the most advanced technique you can find",
                                "Copy a finished solution without checking whether it fits",
                                "Skip the basics because the exercises will cover them"),
                        "Knowing the goal and the expected result lets you check every later step; the other"
                                + " options skip that check.");
            case 1 ->
                new Question(
                        "Your first attempt in “" + moduleTitle + "” gives an unexpected result. What should you"
                                + " do?",
                        "Compare the result with your prediction and check each step to find where they diverge",
                        List.of(
                                "Start over with a completely different approach",
                                "Accept the result because a tool produced it",
                                "Ignore it and move on to the next lesson"),
                        "Finding the step where the prediction and the result diverge shows what to fix and teaches"
                                + " the most.");
            case 2 ->
                new Question(
                        "Which habit helps most when you practise the skills of “" + moduleTitle + "”?",
                        "Working on small, complete tasks and reviewing each one",
                        List.of(
                                "Reading everything once before trying anything",
                                "Practising only when a real deadline forces you to",
                                "Avoiding feedback until the work is perfect"),
                        "Small, complete tasks give quick feedback, and reviewing them turns that feedback into"
                                + " skill.");
            default ->
                new Question(
                        "How can you tell that you have understood a concept of “" + moduleTitle + "”?",
                        "You can explain it in your own words and apply it to a new case",
                        List.of(
                                "You have read the lesson twice",
                                "You can recite its definition word for word",
                                "You recognise the term when you see it"),
                        "Explaining and applying a concept to a new case shows understanding; reading and"
                                + " recognising only show familiarity.");
        };
    }

    @Override
    List<String> fillerTopics() {
        return List.of(
                "Installation and licensing questions only",
                "The history of the subject, without practice",
                "Topics that belong to a different course");
    }

    @Override
    List<String> fillerLessons() {
        return List.of("None of the lessons in this module", "Only the module quiz", "A lesson of a different course");
    }

    @Override
    String joinTopics(List<String> topics) {
        return list(topics);
    }

    @Override
    String introductionHeading() {
        return "Introduction";
    }

    @Override
    String explanationHeading() {
        return "Explanation";
    }

    @Override
    String examplesHeading() {
        return "Examples";
    }

    @Override
    String exercisesHeading() {
        return "Exercises";
    }

    @Override
    String summaryHeading() {
        return "Summary";
    }

    @Override
    String hintLabel() {
        return "Hint:";
    }

    private static String focusTitle(List<String> focus) {
        if (focus.size() == 1) {
            String title = shorten(upper(focus.getFirst()), 180);
            return title.length() < 3 ? "Working with " + title : title; // titles have at least 3 characters
        }
        String joined = upper(list(focus));
        return joined.length() <= 120 ? joined : shorten(upper(focus.getFirst()), 120) + " and related skills";
    }

    private static String formatNoun(String format) {
        return switch (format) {
            case "video" -> "video";
            case "interactive" -> "interactive";
            default -> "reading";
        };
    }

    /** "a", "a and b", "a, b and c". */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private static String quotedList(List<String> items) {
        return list(items.stream().map(item -> "“" + item + "”").toList());
    }
}
