package dev.miyabi.cli.tui;

import static dev.miyabi.cli.output.Formats.money;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.api.Realtime;
import dev.miyabi.cli.tui.UiState.Pane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import tools.jackson.databind.JsonNode;

/**
 * The full-screen loop. One UI thread owns the model and the screen; keys (a reader thread),
 * {@code /ws} events (the realtime thread) and REST answers (virtual threads) reach it as tasks
 * on one queue, so nothing is shared. The screen is redrawn after each batch of tasks, through
 * JLine's {@link Display}, which sends only what changed.
 */
final class Dashboard {

    enum Key {
        UP,
        DOWN,
        TAB,
        BACK_TAB,
        ENTER,
        ESCAPE,
        BACKSPACE,
        INTERRUPT,
        CHAR
    }

    private static final long AGENTS_MIN_INTERVAL_MS = 1_000;
    private static final long METRICS_MIN_INTERVAL_MS = 10_000;

    private final MiyabiClient api;
    private final Terminal terminal;
    private final DashboardModel model;
    private final UiState ui = new UiState();
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    /** Per kind of read: when it last started, whether one runs, whether another was asked meanwhile. */
    private final Map<String, Long> lastRead = new HashMap<>();

    private final Set<String> reading = new HashSet<>();
    private final Set<String> readAgain = new HashSet<>();
    private final Set<String> readScheduled = new HashSet<>();
    private final boolean unicode;
    private Display display;
    private Size size;
    private boolean running = true;
    private String lastStateCounts = "";

    Dashboard(MiyabiClient api, Terminal terminal, JsonNode me) {
        this.api = api;
        this.terminal = terminal;
        this.model = new DashboardModel(me, api.baseUrl());
        this.unicode = terminal.encoding().newEncoder().canEncode("█─▸●");
    }

    void run() throws InterruptedException {
        Attributes saved = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        display = new Display(terminal, true);
        size = terminal.getSize();
        display.resize(size);
        terminal.handle(Terminal.Signal.WINCH, signal -> tasks.add(this::resized));
        terminal.handle(Terminal.Signal.INT, signal -> tasks.add(() -> running = false));
        Realtime realtime = new Realtime(api, topics(), new Events());
        try {
            startKeyReader();
            realtime.start(0);
            draw();
            while (running) {
                Runnable task = tasks.poll(500, TimeUnit.MILLISECONDS);
                while (task != null && running) {
                    task.run();
                    task = tasks.poll();
                }
                if (running) {
                    draw();
                }
            }
        } finally {
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.flush();
            io.shutdownNow();
            realtime.close();
        }
    }

    private List<String> topics() {
        List<String> topics = new ArrayList<>(List.of("orders", "jobs", "approvals"));
        if (model.seesAgents()) {
            topics.add("agents");
        }
        if (model.isAdmin()) {
            topics.add("state");
        }
        return topics;
    }

    private void draw() {
        Canvas canvas =
                DashboardView.render(model, ui, size.getColumns(), size.getRows(), unicode, System.currentTimeMillis());
        display.update(canvas.lines(), -1);
        terminal.flush();
    }

    private void resized() {
        size = terminal.getSize();
        display.clear();
        display.resize(size);
    }

    // ---- loading -------------------------------------------------------------------------------

    /** Everything the panes show, read again (at start and after the server lost our place). */
    private void loadAll() {
        load(
                "jobs",
                () -> api.get(
                                "/api/ai/jobs",
                                MiyabiClient.params(
                                        "userId", model.isAdmin() ? model.userId : null, "size", DashboardModel.KEEP))
                        .json(),
                list -> list.path("items").forEach(model::putJob));
        load(
                "orders",
                () -> api.get(
                                "/api/orders",
                                MiyabiClient.params(
                                        "userId", model.isAdmin() ? model.userId : null, "size", DashboardModel.KEEP))
                        .json(),
                list -> list.path("items").forEach(model::putOrder));
        loadInbox();
        if (model.isAdmin()) {
            load("state", () -> api.get("/api/state").json(), state -> {
                model.state = state;
                model.agentsFromState(state);
            });
            loadMetrics();
        } else if (model.seesAgents()) {
            loadAgents();
        }
    }

    private void loadInbox() {
        load(
                "inbox",
                () -> api.get(
                                "/api/approvals",
                                MiyabiClient.params(
                                        "status", "pending", "assignedToMe", true, "size", DashboardModel.KEEP))
                        .json(),
                list -> {
                    List<JsonNode> inbox = new ArrayList<>();
                    list.path("items").forEach(inbox::add);
                    model.inbox = inbox;
                });
    }

    private void loadAgents() {
        throttled("agents", AGENTS_MIN_INTERVAL_MS, () -> api.get("/api/agents").json(), agents -> {
            List<JsonNode> list = new ArrayList<>();
            agents.forEach(list::add);
            model.agents = list;
        });
    }

    private void loadMetrics() {
        throttled(
                "metrics",
                METRICS_MIN_INTERVAL_MS,
                () -> api.get("/api/admin/metrics/summary").json(),
                metrics -> model.metrics = metrics);
    }

    /** Reads in the background and applies the answer on the UI thread; one read per name at a time. */
    private void load(String name, Supplier<JsonNode> read, Consumer<JsonNode> apply) {
        if (!reading.add(name)) {
            readAgain.add(name);
            return;
        }
        lastRead.put(name, System.currentTimeMillis());
        io.execute(() -> {
            try {
                JsonNode answer = read.get();
                tasks.add(() -> apply.accept(answer));
            } catch (CliException e) {
                tasks.add(() -> ui.flash(e.getMessage(), true, System.currentTimeMillis()));
            } finally {
                tasks.add(() -> {
                    reading.remove(name);
                    if (readAgain.remove(name)) {
                        load(name, read, apply);
                    }
                });
            }
        });
    }

    /** As {@link #load}, at most once per interval (a burst of requests ends in one read). */
    private void throttled(String name, long intervalMs, Supplier<JsonNode> read, Consumer<JsonNode> apply) {
        long wait = lastRead.getOrDefault(name, 0L) + intervalMs - System.currentTimeMillis();
        if (wait <= 0) {
            load(name, read, apply);
        } else if (readScheduled.add(name)) {
            io.execute(() -> {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
                tasks.add(() -> {
                    readScheduled.remove(name);
                    load(name, read, apply);
                });
            });
        }
    }

    /** {@code /ws} on the UI thread. */
    private final class Events implements Realtime.Listener {

        private boolean loaded;

        @Override
        public void onEvent(String type, JsonNode payload) {
            tasks.add(() -> apply(type, payload));
        }

        @Override
        public void onStatus(Realtime.Status status, String detail) {
            tasks.add(() -> {
                model.connection = status;
                model.connectionDetail = detail;
            });
        }

        @Override
        public void onSubscribed(boolean resync) {
            // The first subscription (live from now on) and a replay the server could not give
            // read everything; after a reconnect, the replay of missed events catches up.
            tasks.add(() -> {
                if (!loaded || resync) {
                    loaded = true;
                    loadAll();
                }
            });
        }

        @Override
        public void onFailure(CliException failure) {
            tasks.add(() -> ui.flash(failure.getMessage(), true, Long.MAX_VALUE));
        }
    }

    private void apply(String type, JsonNode payload) {
        if (type.startsWith("job.")) {
            model.putJob(payload);
        } else if (type.startsWith("order.")) {
            model.putOrder(payload);
        } else if (type.startsWith("approval.")) {
            loadInbox();
        } else if (type.startsWith("agent.") && !model.isAdmin()) {
            loadAgents();
        } else if (type.equals("state.updated")) {
            model.state = payload;
            model.agentsFromState(payload);
            String counts = payload.path("businessState").path("counts").toString();
            if (!counts.equals(lastStateCounts)) {
                lastStateCounts = counts;
                loadMetrics();
            }
        }
    }

    // ---- keys ------------------------------------------------------------------------------------

    private void startKeyReader() {
        KeyMap<Key> keys = new KeyMap<>();
        keys.bind(Key.UP, "\033[A", "\033OA");
        keys.bind(Key.DOWN, "\033[B", "\033OB");
        bindCapability(keys, Key.UP, Capability.key_up);
        bindCapability(keys, Key.DOWN, Capability.key_down);
        keys.bind(Key.TAB, "\t");
        keys.bind(Key.BACK_TAB, "\033[Z");
        bindCapability(keys, Key.BACK_TAB, Capability.back_tab);
        keys.bind(Key.ENTER, "\r", "\n");
        keys.bind(Key.ESCAPE, "\033");
        keys.bind(Key.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        keys.bind(Key.INTERRUPT, KeyMap.ctrl('C'));
        // Printable ASCII is not covered by the key map's Unicode fallback.
        for (char c = ' '; c < 127; c++) {
            keys.bind(Key.CHAR, String.valueOf(c));
        }
        keys.setUnicode(Key.CHAR);
        keys.setAmbiguousTimeout(100);
        Thread reader = new Thread(
                () -> {
                    BindingReader input = new BindingReader(terminal.reader());
                    while (true) {
                        Key key;
                        try {
                            key = input.readBinding(keys);
                        } catch (RuntimeException closed) {
                            return;
                        }
                        if (key == null) {
                            return;
                        }
                        String raw = input.getLastBinding();
                        tasks.add(() -> onKey(key, raw));
                    }
                },
                "miyabi-keys");
        reader.setDaemon(true);
        reader.start();
    }

    private void bindCapability(KeyMap<Key> keys, Key key, Capability capability) {
        String sequence = KeyMap.key(terminal, capability);
        if (sequence != null && !sequence.isEmpty()) {
            keys.bind(key, sequence);
        }
    }

    private void onKey(Key key, String raw) {
        if (key == Key.INTERRUPT) {
            running = false;
            return;
        }
        if (ui.prompt != null) {
            onPromptKey(key, raw);
            return;
        }
        String character = key == Key.CHAR ? raw : "";
        if (character.equals("q") || character.equals("Q")) {
            running = false;
            return;
        }
        if (key == Key.ESCAPE) {
            ui.overlay = UiState.Overlay.NONE;
            return;
        }
        if (character.equals("?")) {
            ui.overlay = ui.overlay == UiState.Overlay.HELP ? UiState.Overlay.NONE : UiState.Overlay.HELP;
            return;
        }
        if (ui.overlay == UiState.Overlay.HELP) {
            ui.overlay = UiState.Overlay.NONE;
            return;
        }
        Pane[] panes = Pane.values();
        switch (key) {
            case TAB -> {
                ui.focus = panes[(ui.focus.ordinal() + 1) % panes.length];
                ui.overlay = UiState.Overlay.NONE;
            }
            case BACK_TAB -> {
                ui.focus = panes[(ui.focus.ordinal() + panes.length - 1) % panes.length];
                ui.overlay = UiState.Overlay.NONE;
            }
            case UP -> move(-1);
            case DOWN -> move(1);
            case ENTER ->
                ui.overlay = ui.overlay == UiState.Overlay.DETAIL || DashboardView.selectedItem(model, ui) == null
                        ? UiState.Overlay.NONE
                        : UiState.Overlay.DETAIL;
            case CHAR -> {
                switch (character) {
                    case "k" -> move(-1);
                    case "j" -> move(1);
                    case "a" -> startDecision("approve");
                    case "r" -> startDecision("reject");
                    case "c" -> startDecision("request_changes");
                    default -> {}
                }
            }
            default -> {}
        }
    }

    private void move(int delta) {
        int count = DashboardView.items(model, ui.focus).size();
        int index = ui.selected[ui.focus.ordinal()] + delta;
        ui.selected[ui.focus.ordinal()] = Math.max(0, Math.min(count - 1, index));
    }

    private void startDecision(String decision) {
        if (ui.focus != Pane.APPROVALS) {
            return;
        }
        JsonNode request = DashboardView.selectedItem(model, ui);
        if (request == null) {
            ui.flash("Nothing waiting for your decision.", true, System.currentTimeMillis());
            return;
        }
        String label = text(request.path("requesterName")) + ", " + money(request.path("amount"));
        ui.prompt = new UiState.Prompt(decision, request.path("id").asString(), label, new StringBuilder());
    }

    private void onPromptKey(Key key, String raw) {
        UiState.Prompt prompt = ui.prompt;
        switch (key) {
            case ESCAPE -> ui.prompt = null;
            case BACKSPACE -> {
                if (!prompt.comment().isEmpty()) {
                    prompt.comment()
                            .setLength(prompt.comment()
                                    .offsetByCodePoints(prompt.comment().length(), -1));
                }
            }
            case ENTER -> submit(prompt);
            case CHAR -> {
                if (raw.codePointAt(0) >= ' ' && prompt.comment().length() < 2000) {
                    prompt.comment().append(raw);
                }
            }
            default -> {}
        }
    }

    private void submit(UiState.Prompt prompt) {
        String comment = prompt.comment().toString().strip();
        if (comment.isEmpty() && !"approve".equals(prompt.decision())) {
            ui.flash("A comment is required to reject or request changes.", true, System.currentTimeMillis());
            return;
        }
        ui.prompt = null;
        ui.overlay = UiState.Overlay.NONE;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", prompt.decision());
        if (!comment.isEmpty()) {
            body.put("comment", comment);
        }
        ui.flash("Sending…", false, System.currentTimeMillis());
        io.execute(() -> {
            try {
                JsonNode request = api.post("/api/approvals/" + prompt.approvalId() + "/decisions", body)
                        .json();
                tasks.add(() -> {
                    ui.flash(
                            "Recorded '" + prompt.decision().replace('_', ' ') + "' for " + prompt.label()
                                    + ": the request is "
                                    + text(request.path("status")).replace('_', ' ') + ".",
                            false,
                            System.currentTimeMillis());
                    loadInbox();
                });
            } catch (CliException e) {
                tasks.add(() -> ui.flash(e.getMessage(), true, System.currentTimeMillis()));
            }
        });
    }
}
