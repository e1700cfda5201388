package dev.miyabi.platform.generation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A course request (schemas/course-input.schema.json) after validation, with its defaults applied, and
 * the plan derived from its length: how many modules and lessons, and how many minutes in all.
 */
record CourseInput(
        String topic,
        String targetAudience,
        String difficulty,
        double estimatedHours,
        List<String> learningObjectives,
        String format,
        String language) {

    static final int MIN_MODULES = 4;
    static final int MAX_MODULES = 8;
    static final int MIN_LESSONS = 3;
    static final int MAX_LESSONS = 6;

    CourseInput {
        learningObjectives = List.copyOf(learningObjectives);
    }

    /** Reads a document that passed the course-input schema. */
    static CourseInput from(JsonNode input) {
        List<String> objectives = new ArrayList<>();
        input.path("learningObjectives")
                .forEach(item -> objectives.add(item.asString().strip()));
        return new CourseInput(
                input.path("topic").asString().strip(),
                input.path("targetAudience").asString().strip(),
                input.path("difficulty").asString("beginner"),
                input.path("estimatedHours").asDouble(),
                objectives,
                input.path("format").asString("text"),
                input.path("language").asString("en"));
    }

    /** 4 modules for a short course, up to 8 for a long one (one more per ~4 hours). */
    int moduleCount() {
        return clamp((int) Math.round(estimatedHours / 4.0) + 3, MIN_MODULES, MAX_MODULES);
    }

    /** 3 lessons per module for a short course, up to 6 for a long one. */
    int lessonsPerModule() {
        return clamp(3 + (int) Math.floor(estimatedHours / 8.0), MIN_LESSONS, MAX_LESSONS);
    }

    /** The course's length in minutes, in steps of 5. */
    int totalMinutes() {
        return Math.max(5 * moduleCount() * lessonsPerModule(), (int) Math.round(estimatedHours * 12.0) * 5);
    }

    String hoursText() {
        return estimatedHours == Math.rint(estimatedHours)
                ? Long.toString((long) estimatedHours)
                : Double.toString(estimatedHours);
    }

    /** What every prompt of the course knows: the request and the plan. */
    Map<String, Object> variables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("topic", topic);
        variables.put("targetAudience", targetAudience);
        variables.put("difficulty", difficulty);
        variables.put("estimatedHours", hoursText());
        variables.put("learningObjectives", learningObjectives);
        variables.put("format", format);
        variables.put("language", language);
        variables.put("languageName", Languages.displayName(language));
        variables.put("moduleCount", moduleCount());
        variables.put("lessonsPerModule", lessonsPerModule());
        variables.put("totalMinutes", totalMinutes());
        return variables;
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
