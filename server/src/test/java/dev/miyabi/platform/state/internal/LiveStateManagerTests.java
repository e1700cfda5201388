package dev.miyabi.platform.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.state.BusinessCounts;
import dev.miyabi.platform.state.CompositeServiceState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/** Coalescing: however many events arrive between two beats, admins get one {@code state.updated}. */
class LiveStateManagerTests {

    private final RecordingEvents events = new RecordingEvents();
    private final LiveStateManager manager = new LiveStateManager(
            new DefaultListableBeanFactory().getBeanProvider(BusinessCounts.class),
            new AgentTaskCounter(mock(Orchestrator.class)),
            mock(StateLoader.class),
            events,
            StateProperties.defaults(),
            JsonMapper.builder().build(),
            Clock.systemUTC(),
            new SimpleMeterRegistry());

    @Test
    void aBurstOfEventsBetweenTwoBeatsIsPublishedOnceWithTheLatestState() {
        manager.publishIfChanged(); // the initial state
        events.published.clear();

        for (long id = 1; id <= 100; id++) {
            manager.onClientEvent(new ClientEvent(
                    id,
                    "job.progress",
                    "job",
                    UUID.randomUUID().toString(),
                    JsonMapper.builder().build().createObjectNode(),
                    Set.of(),
                    Set.of(),
                    Instant.now(),
                    true));
        }
        assertThat(manager.publishIfChanged()).isTrue();
        assertThat(manager.publishIfChanged()).isFalse();

        assertThat(events.published).hasSize(1);
        Published published = events.published.getFirst();
        assertThat(published.type()).isEqualTo("state.updated");
        assertThat(published.users()).isEmpty();
        assertThat(published.roles())
                .as("admins see every event; nobody else this one")
                .isEmpty();
        assertThat(((CompositeServiceState) published.payload()).version()).isEqualTo(100);
    }

    @Test
    void nothingIsPublishedWhileNothingChanges() {
        manager.publishIfChanged();
        events.published.clear();
        for (int beat = 0; beat < 10; beat++) {
            assertThat(manager.publishIfChanged()).isFalse();
        }
        assertThat(events.published).isEmpty();
    }

    record Published(String type, Object payload, Collection<UUID> users, Collection<Role> roles) {}

    /** Records transient events; the log itself is not used. */
    static final class RecordingEvents implements ClientEvents {
        final List<Published> published = new ArrayList<>();

        @Override
        public long append(
                String type,
                String resourceType,
                String resourceId,
                Object payload,
                Collection<UUID> visibleToUserIds,
                Collection<Role> visibleToRoles) {
            throw new UnsupportedOperationException("state.updated is never logged");
        }

        @Override
        public List<ClientEvent> readAfter(long afterId, int limit) {
            return List.of();
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public void publishTransient(
                String type,
                String resourceType,
                String resourceId,
                Object payload,
                Collection<UUID> visibleToUserIds,
                Collection<Role> visibleToRoles) {
            published.add(new Published(type, payload, visibleToUserIds, visibleToRoles));
        }
    }
}
