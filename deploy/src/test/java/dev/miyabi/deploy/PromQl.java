package dev.miyabi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The PromQL of the observability files, and the metric names it reads. */
final class PromQl {

    /** PromQL's functions, aggregations and keywords: identifiers that are not metric names. */
    private static final Set<String> WORDS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "group",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "rate",
            "irate",
            "increase",
            "delta",
            "idelta",
            "deriv",
            "histogram_quantile",
            "clamp_min",
            "clamp_max",
            "clamp",
            "abs",
            "absent",
            "absent_over_time",
            "avg_over_time",
            "max_over_time",
            "min_over_time",
            "sum_over_time",
            "count_over_time",
            "last_over_time",
            "label_replace",
            "label_join",
            "round",
            "ceil",
            "floor",
            "time",
            "vector",
            "scalar",
            "sort",
            "sort_desc",
            "resets",
            "changes",
            "inf",
            "nan");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {}

    /** The metric names an expression reads (label matchers, strings, durations and keywords left out). */
    static Set<String> metricNames(String expression) {
        String stripped = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$__\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String word = matcher.group();
            int end = matcher.end();
            boolean call = end < stripped.length()
                    && stripped.substring(end).stripLeading().startsWith("(");
            boolean number = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
            if (!WORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) && !call && !number) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every alert of alerts.yml, by name, with its expression. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alerts() {
        Map<String, Object> file = new Yaml().load(Repository.read("deploy/observability/alerts.yml"));
        Map<String, String> alerts = new java.util.LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return alerts;
    }

    /** Every query of the Grafana dashboard. */
    static List<String> dashboardQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        return queries;
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Repository.read("deploy/observability/grafana-dashboard.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metric names the alerts and the dashboard read, except Prometheus's own {@code up}. */
    static Set<String> referencedMetricNames() {
        Set<String> names = new TreeSet<>();
        alerts().values().forEach(expression -> names.addAll(metricNames(expression)));
        dashboardQueries().forEach(query -> names.addAll(metricNames(query)));
        names.remove("up");
        return names;
    }
}
