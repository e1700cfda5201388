package dev.miyabi.platform.generation.internal;

import tools.jackson.databind.JsonNode;

/** A generated course (the job result) as one Markdown document: modules, lessons, quizzes and answer keys. */
final class CourseMarkdown {

    private CourseMarkdown() {}

    static String render(JsonNode course, String language) {
        boolean ja = Languages.isJapanese(language);
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(MarkdownText.inline(course.path("title").asString()))
                .append("\n\n");
        md.append(course.path("description").asString().strip()).append("\n\n");
        if (!course.path("prerequisites").isEmpty()) {
            md.append("**").append(ja ? "前提条件" : "Prerequisites").append("**\n\n");
            course.path("prerequisites")
                    .forEach(item -> md.append("- ")
                            .append(MarkdownText.inline(item.asString()))
                            .append('\n'));
            md.append('\n');
        }
        int totalMinutes = 0;
        int lessons = 0;
        for (JsonNode module : course.path("modules")) {
            for (JsonNode lesson : module.path("lessons")) {
                totalMinutes += lesson.path("durationMinutes").asInt();
                lessons++;
            }
        }
        md.append(
                        ja
                                ? "%dモジュール・%dレッスン・合計%s"
                                        .formatted(course.path("modules").size(), lessons, duration(totalMinutes, true))
                                : "%d modules, %d lessons, %s in all"
                                        .formatted(
                                                course.path("modules").size(), lessons, duration(totalMinutes, false)))
                .append("\n\n");
        md.append("**").append(ja ? "評価方法" : "Assessment").append("**: ");
        md.append(course.path("assessmentStrategy").asString().strip()).append("\n\n");

        int m = 1;
        for (JsonNode module : course.path("modules")) {
            md.append("## ")
                    .append(ja ? "モジュール" + m + "：" : "Module " + m + ": ")
                    .append(MarkdownText.inline(module.path("title").asString()))
                    .append("\n\n");
            md.append('*')
                    .append(MarkdownText.inline(module.path("summary").asString()))
                    .append("*\n\n");
            int l = 1;
            for (JsonNode lesson : module.path("lessons")) {
                int minutes = lesson.path("durationMinutes").asInt();
                md.append("### ")
                        .append(ja ? "レッスン" + m + "." + l + "：" : "Lesson " + m + "." + l + ": ")
                        .append(MarkdownText.inline(lesson.path("title").asString()))
                        .append(ja ? "（" + minutes + "分）" : " (" + minutes + " min)")
                        .append("\n\n");
                if (!lesson.path("topics").isEmpty()) {
                    StringBuilder topics = new StringBuilder();
                    lesson.path("topics")
                            .forEach(topic -> topics.append(topics.isEmpty() ? "" : ja ? "、" : ", ")
                                    .append(MarkdownText.inline(topic.asString())));
                    md.append(ja ? "*トピック：" : "*Topics: ").append(topics).append("*\n\n");
                }
                md.append(MarkdownText.shiftHeadings(
                                lesson.path("content").asString().strip(), 2))
                        .append("\n\n");
                l++;
            }
            JsonNode questions = module.path("quiz").path("questions");
            if (!questions.isEmpty()) {
                md.append("### ").append(ja ? "確認クイズ" : "Quiz").append("\n\n");
                int q = 1;
                for (JsonNode question : questions) {
                    md.append(q++)
                            .append(". ")
                            .append(MarkdownText.inline(
                                    question.path("question").asString()))
                            .append("\n\n");
                    int o = 0;
                    for (JsonNode option : question.path("options")) {
                        md.append("   ")
                                .append((char) ('A' + o++))
                                .append(") ")
                                .append(MarkdownText.inline(option.asString()))
                                .append("  \n");
                    }
                    md.append('\n');
                }
                md.append("#### ").append(ja ? "解答と解説" : "Answer key").append("\n\n");
                q = 1;
                for (JsonNode question : questions) {
                    md.append(q++)
                            .append(". **")
                            .append((char) ('A' + question.path("answerIndex").asInt()))
                            .append("** — ")
                            .append(MarkdownText.inline(
                                    question.path("explanation").asString()))
                            .append('\n');
                }
                md.append('\n');
            }
            m++;
        }
        return md.toString().strip() + "\n";
    }

    private static String duration(int minutes, boolean ja) {
        int hours = minutes / 60;
        int rest = minutes % 60;
        if (ja) {
            return hours == 0 ? rest + "分" : rest == 0 ? hours + "時間" : hours + "時間" + rest + "分";
        }
        return hours == 0 ? rest + " min" : rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }
}
