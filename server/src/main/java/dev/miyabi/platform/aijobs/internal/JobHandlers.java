package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.JobHandler;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The job handlers of this instance by type; two handlers for one type are an error. The handler beans
 * are looked up on first use (the workers start after every bean exists), so a handler may depend on
 * modules that depend on the {@code AiJobs} facade.
 */
final class JobHandlers {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,49}");

    private final Supplier<? extends Collection<? extends JobHandler>> source;
    private volatile @Nullable Map<String, JobHandler> byType;

    JobHandlers(Supplier<? extends Collection<? extends JobHandler>> source) {
        this.source = source;
    }

    static JobHandlers of(JobHandler... handlers) {
        List<JobHandler> list = List.of(handlers);
        JobHandlers result = new JobHandlers(() -> list);
        result.byType();
        return result;
    }

    Optional<JobHandler> find(String type) {
        return Optional.ofNullable(byType().get(type));
    }

    Set<String> types() {
        return byType().keySet();
    }

    private Map<String, JobHandler> byType() {
        Map<String, JobHandler> resolved = byType;
        if (resolved == null) {
            synchronized (this) {
                resolved = byType;
                if (resolved == null) {
                    resolved = index(source.get());
                    byType = resolved;
                }
            }
        }
        return resolved;
    }

    private static Map<String, JobHandler> index(Collection<? extends JobHandler> handlers) {
        Map<String, JobHandler> map = new LinkedHashMap<>();
        for (JobHandler handler : handlers) {
            String type = handler.type();
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new IllegalStateException(
                        "Job handler " + handler.getClass().getName() + " has an invalid type '" + type
                                + "' (lower case letters, digits, '_', '.', '-'; at most 50)");
            }
            JobHandler previous = map.putIfAbsent(type, handler);
            if (previous != null) {
                throw new IllegalStateException("Two job handlers for type " + type + ": "
                        + previous.getClass().getName() + " and "
                        + handler.getClass().getName());
            }
        }
        return Map.copyOf(map);
    }
}
