package dev.miyabi.platform.generation.internal;

import java.util.List;

/**
 * The words of the offline course writer in one language: titles, summaries, lesson parts and quiz
 * questions, built from the request (topic, audience, difficulty, format, objectives). Every method is a
 * pure function of its arguments; {@code variant} picks among phrasings so neighbouring lessons do not
 * read alike.
 */
abstract class CourseText {

    /** The parts of a course the outline is made of. */
    enum ModuleKind {
        FOUNDATIONS,
        OBJECTIVE,
        DEEPENING,
        CAPSTONE
    }

    static CourseText forLanguage(String language) {
        return Languages.isJapanese(language) ? new JapaneseCourseText() : new EnglishCourseText();
    }

    // Outline

    abstract String courseTitle(CourseInput input);

    abstract String description(CourseInput input);

    abstract List<String> prerequisites(CourseInput input);

    abstract String moduleTitle(ModuleKind kind, CourseInput input, List<String> focus);

    abstract String moduleSummary(ModuleKind kind, CourseInput input, List<String> focus);

    /** The lesson of a module at a role (0 to 5: why, concepts, method, example, pitfalls, review). */
    abstract String lessonTitle(ModuleKind kind, int role, CourseInput input, String focus);

    abstract List<String> lessonTopics(ModuleKind kind, int role, CourseInput input, String focus);

    abstract String assessmentStrategy(CourseInput input, int modules, int questionsPerQuiz);

    // Lesson parts (Markdown)

    abstract String introduction(LessonBrief lesson);

    abstract String explanation(LessonBrief lesson);

    abstract List<Example> examples(LessonBrief lesson);

    abstract List<Exercise> exercises(LessonBrief lesson);

    abstract String summary(LessonBrief lesson);

    // Quiz

    abstract Question topicsOfLesson(String lessonTitle, String correct, List<String> wrong);

    abstract Question lessonOfTopic(String topic, String correctLesson, List<String> otherLessons);

    /** A question on good practice in the module, {@code index} 0 to 3. */
    abstract Question practice(String moduleTitle, int index);

    /** Wrong options that fit any "which topics" question, to fill a short module. */
    abstract List<String> fillerTopics();

    /** Wrong options that fit any "which lesson" question, to fill a short module. */
    abstract List<String> fillerLessons();

    abstract String joinTopics(List<String> topics);

    // Headings of the assembled Markdown

    abstract String introductionHeading();

    abstract String explanationHeading();

    abstract String examplesHeading();

    abstract String exercisesHeading();

    abstract String summaryHeading();

    abstract String hintLabel();

    /** What a lesson is about, as the writer needs it. */
    record LessonBrief(
            String courseTopic,
            String courseTitle,
            String audience,
            String difficulty,
            String format,
            String moduleTitle,
            int moduleNumber,
            String lessonTitle,
            int lessonNumber,
            int lessonCount,
            int minutes,
            List<String> topics) {

        LessonBrief {
            topics = List.copyOf(topics);
        }

        /** The lesson's subject: its title before a colon, else the whole title. */
        String focus() {
            int colon = lessonTitle.indexOf(':');
            if (colon < 0) {
                colon = lessonTitle.indexOf('：');
            }
            return colon > 0 ? lessonTitle.substring(0, colon).strip() : lessonTitle;
        }

        String topic(int index) {
            return topics.isEmpty() ? focus() : topics.get(index % topics.size());
        }

        /** 1 to 3 by length, so a long lesson says more. */
        int depth() {
            return minutes >= 60 ? 3 : minutes >= 25 ? 2 : 1;
        }
    }

    record Example(String title, String body) {}

    record Exercise(String prompt, String hint) {}

    /** A question with the correct option first; the writer shuffles it into place. */
    record Question(String question, String correct, List<String> wrong, String explanation) {

        Question {
            wrong = List.copyOf(wrong);
        }
    }

    static String upper(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Cuts a long phrase at a word boundary, so titles stay readable. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return (cut > max / 2 ? text.substring(0, cut) : text.substring(0, max - 1)).strip() + "…";
    }
}
