package dev.miyabi.platform.shared.database;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything connects: {@code MIYABI_DATABASE_URL} (a JDBC URL, or a
 * {@code postgres://user:password@host/db} URL) with {@code MIYABI_DATABASE_USER}/{@code _PASSWORD},
 * else the standard {@code spring.datasource.*} properties, else the embedded PostgreSQL of a
 * zero-setup run — which also switches the demo catalog on unless told otherwise.
 */
class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String EMBEDDED = "miyabi.database.embedded";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> chosen = new HashMap<>();
        String url = environment.getProperty("miyabi.database.url");
        boolean embedded = false;
        if (StringUtils.hasText(url)) {
            chosen.putAll(toJdbc(url.trim()));
            copy(environment, "miyabi.database.user", "spring.datasource.username", chosen);
            copy(environment, "miyabi.database.password", "spring.datasource.password", chosen);
            chosen.put(EMBEDDED, "false");
        } else if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            embedded = environment.getProperty(EMBEDDED, Boolean.class, true);
            chosen.put(EMBEDDED, Boolean.toString(embedded));
        } else {
            chosen.put(EMBEDDED, "false");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("miyabiDatabase", chosen));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "miyabiDatabaseDefaults", Map.of("miyabi.demo.enabled", Boolean.toString(embedded))));
    }

    private static void copy(ConfigurableEnvironment environment, String from, String to, Map<String, Object> into) {
        String value = environment.getProperty(from);
        if (value != null && !into.containsKey(to)) {
            into.put(to, value);
        }
    }

    /** Accepts {@code jdbc:postgresql://…} as is and turns {@code postgres(ql)://user:pw@host:port/db} into it. */
    static Map<String, Object> toJdbc(String url) {
        Map<String, Object> result = new HashMap<>();
        if (url.startsWith("jdbc:")) {
            result.put("spring.datasource.url", url);
            return result;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("MIYABI_DATABASE_URL must be a jdbc:postgresql:// or postgres:// URL");
        }
        URI uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            result.put("spring.datasource.username", decode(parts[0]));
            if (parts.length == 2) {
                result.put("spring.datasource.password", decode(parts[1]));
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        result.put(
                "spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        return result;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
