package dev.miyabi.platform.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The events of one logger, kept from the console while open: for a test whose subject logs an error by
 * design, so the test can assert that it did (stronger than letting it print) and CI output shows only
 * real problems.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final boolean additive;

    private CapturedLogs(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        additive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /** Captures what the logger of {@code owner} logs until closed. */
    public static CapturedLogs of(Class<?> owner) {
        return new CapturedLogs(owner.getName());
    }

    /** Captures what the logger named {@code name} logs until closed (for a class other packages cannot see). */
    public static CapturedLogs of(String name) {
        return new CapturedLogs(name);
    }

    /** The messages of the event's exception and of its causes, outermost first. */
    public static List<String> causeMessages(ILoggingEvent event) {
        List<String> messages = new ArrayList<>();
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }

    /** The captured events at {@code level}, as formatted messages. */
    public List<String> messages(Level level) {
        return appender.list.stream()
                .filter(event -> event.getLevel().equals(level))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** The captured events at {@code level} that carry an exception. */
    public List<ILoggingEvent> withException(Level level) {
        return appender.list.stream()
                .filter(event -> event.getLevel().equals(level) && event.getThrowableProxy() != null)
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setAdditive(additive);
        appender.stop();
    }
}
