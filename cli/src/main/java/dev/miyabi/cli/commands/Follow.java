package dev.miyabi.cli.commands;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.api.Realtime;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Follows one resource live over {@code /ws} until it reaches a final state: subscribe to its
 * topic, read it over HTTP once subscribed (and again after a reconnect), then apply every event,
 * never going back to an older {@code version}.
 */
final class Follow {

    private sealed interface Signal {}

    private record Update(JsonNode resource) implements Signal {}

    private record Reread() implements Signal {}

    private record Status(Realtime.Status status, String detail) implements Signal {}

    private record Failure(CliException failure) implements Signal {}

    private Follow() {}

    /**
     * @param onChange called with each newer state of the resource
     * @param onConnection called when the connection goes down or comes back
     * @return the final state
     */
    static JsonNode until(
            MiyabiClient api,
            String topic,
            Supplier<JsonNode> read,
            Predicate<JsonNode> finished,
            Consumer<JsonNode> onChange,
            Consumer<String> onConnection)
            throws InterruptedException {
        JsonNode current = read.get();
        onChange.accept(current);
        if (finished.test(current)) {
            return current;
        }
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        Realtime.Listener listener = new Realtime.Listener() {
            @Override
            public void onEvent(String type, JsonNode payload) {
                signals.add(new Update(payload));
            }

            @Override
            public void onSubscribed(boolean resync) {
                signals.add(new Reread());
            }

            @Override
            public void onStatus(Realtime.Status status, String detail) {
                signals.add(new Status(status, detail));
            }

            @Override
            public void onFailure(CliException failure) {
                signals.add(new Failure(failure));
            }
        };
        boolean wasDown = false;
        try (Realtime realtime = new Realtime(api, List.of(topic), listener).start(0)) {
            while (true) {
                Signal signal = signals.take();
                JsonNode next = switch (signal) {
                    case Update update -> update.resource();
                    case Reread ignored -> read.get();
                    case Failure failure -> throw failure.failure();
                    case Status status -> {
                        if (status.status() == Realtime.Status.RECONNECTING && !wasDown) {
                            wasDown = true;
                            onConnection.accept("reconnecting… (" + status.detail() + ")");
                        } else if (status.status() == Realtime.Status.ONLINE && wasDown) {
                            wasDown = false;
                            onConnection.accept("connected again");
                        }
                        yield null;
                    }
                };
                if (next != null
                        && next.path("version").asLong(-1)
                                >= current.path("version").asLong(-1)) {
                    if (!next.equals(current)) {
                        current = next;
                        onChange.accept(current);
                    }
                    if (finished.test(current)) {
                        return current;
                    }
                }
            }
        }
    }
}
