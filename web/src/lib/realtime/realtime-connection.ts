import { z } from 'zod';

/**
 * One WebSocket per tab to `/ws` (API.md "WebSocket"): authenticates with the access token,
 * subscribes to the topics the mounted pages want (resuming after the last event seen, so a
 * reconnect replays what was missed), pings, and reconnects with exponential backoff and jitter.
 * It logs nothing: its state is for the UI to show.
 */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

const envelopeSchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  ts: z.string().optional(),
  payload: z.unknown().optional(),
});

const eventPayloadSchema = z.looseObject({
  eventId: z.number(),
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
});

export type RealtimeEvent = {
  type: string;
  eventId: number;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  /** The resource's current fields, as its feature's schema will validate them. */
  payload: Record<string, unknown>;
};

export type SocketLike = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

export type RealtimeOptions = {
  url: () => string;
  /** The access token to authenticate with; `refresh` asks for a new one after a 4401. Null: signed out. */
  token: (refresh: boolean) => Promise<string | null>;
  createSocket?: (url: string) => SocketLike;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  random?: () => number;
  pingIntervalMs?: number;
  /** No message at all for this long means the connection is dead. */
  silenceTimeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
};

const OPEN = 1;

/**
 * Events that are not logged (docs/api.md "WebSocket": `state.updated` is never replayed). Their
 * `eventId` is a position in the log — the state's version, usually the id of an event this tab has
 * just received — so they are always delivered and never move the replay point.
 */
const TRANSIENT_TYPES = new Set(['state.updated']);
const CLOSE_UNAUTHORIZED = 4401;

export type RealtimeConnection = ReturnType<typeof createRealtimeConnection>;

export function createRealtimeConnection(options: RealtimeOptions) {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const schedule = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const cancel = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as number));
  const random = options.random ?? Math.random;
  const pingIntervalMs = options.pingIntervalMs ?? 20_000;
  const silenceTimeoutMs = options.silenceTimeoutMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  const eventListeners = new Set<(event: RealtimeEvent) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const topics = new Map<string, number>();

  let state: ConnectionState = 'idle';
  let socket: SocketLike | null = null;
  let running = false;
  let authenticated = false;
  let attempt = 0;
  let lastEventId: number | undefined;
  let reconnectTimer: unknown = null;
  let pingTimer: unknown = null;
  let silenceTimer: unknown = null;
  let refreshTokenNext = false;
  let generation = 0;

  function setState(next: ConnectionState): void {
    if (state !== next) {
      state = next;
      stateListeners.forEach((listener) => listener(next));
    }
  }

  function send(message: { type: string; payload?: unknown }): void {
    if (socket?.readyState === OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function sendSubscribe(): void {
    if (!authenticated || topics.size === 0) {
      return;
    }
    send({
      type: 'subscribe',
      payload: { topics: [...topics.keys()], ...(lastEventId !== undefined ? { lastEventId } : {}) },
    });
  }

  function clearTimers(): void {
    [pingTimer, silenceTimer].forEach((timer) => timer !== null && cancel(timer));
    pingTimer = null;
    silenceTimer = null;
  }

  function armSilenceTimer(): void {
    if (silenceTimer !== null) {
      cancel(silenceTimer);
    }
    silenceTimer = schedule(() => socket?.close(4000, 'silent'), silenceTimeoutMs);
  }

  function schedulePing(): void {
    pingTimer = schedule(() => {
      send({ type: 'ping' });
      schedulePing();
    }, pingIntervalMs);
  }

  function handleMessage(data: unknown): void {
    armSilenceTimer();
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return;
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      return;
    }
    const { type, payload } = envelope.data;
    switch (type) {
      case 'auth_success':
        authenticated = true;
        attempt = 0;
        setState('online');
        sendSubscribe();
        return;
      case 'subscribed':
      case 'pong':
      case 'heartbeat':
      case 'error':
        return;
      default: {
        const event = eventPayloadSchema.safeParse(payload);
        if (!event.success) {
          return;
        }
        const transient = TRANSIENT_TYPES.has(type);
        if (!transient && lastEventId !== undefined && event.data.eventId <= lastEventId) {
          return; // already seen: a replay overlapping the live stream
        }
        if (!transient) {
          lastEventId = event.data.eventId;
        }
        const realtimeEvent: RealtimeEvent = {
          type,
          eventId: event.data.eventId,
          resourceType: event.data.resourceType,
          resourceId: event.data.resourceId,
          payload: event.data,
        };
        eventListeners.forEach((listener) => listener(realtimeEvent));
      }
    }
  }

  function scheduleReconnect(): void {
    if (!running) {
      return;
    }
    setState(globalThis.navigator?.onLine === false ? 'offline' : 'reconnecting');
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    attempt += 1;
    const delay = ceiling / 2 + (random() * ceiling) / 2;
    reconnectTimer = schedule(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
  }

  async function connect(): Promise<void> {
    if (!running || socket !== null) {
      return;
    }
    const mine = ++generation;
    let token: string | null;
    try {
      token = await options.token(refreshTokenNext);
    } catch {
      if (mine === generation) {
        scheduleReconnect();
      }
      return;
    }
    refreshTokenNext = false;
    if (!running || mine !== generation) {
      return;
    }
    if (token === null) {
      // Signed out: nothing to connect for.
      stop();
      return;
    }
    const authToken = token;
    let created: SocketLike;
    try {
      created = createSocket(options.url());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = created;
    authenticated = false;
    created.onopen = () => {
      armSilenceTimer();
      schedulePing();
      created.send(JSON.stringify({ type: 'auth', payload: { token: authToken } }));
    };
    created.onmessage = (event) => handleMessage(event.data);
    created.onerror = () => {
      // The close event follows; the browser already reports the failure itself.
    };
    created.onclose = (event) => {
      if (socket !== created) {
        return;
      }
      socket = null;
      authenticated = false;
      clearTimers();
      if (event.code === CLOSE_UNAUTHORIZED) {
        refreshTokenNext = true;
      }
      scheduleReconnect();
    };
  }

  function start(): void {
    if (running) {
      return;
    }
    running = true;
    attempt = 0;
    setState('connecting');
    void connect();
  }

  function stop(): void {
    running = false;
    generation += 1;
    if (reconnectTimer !== null) {
      cancel(reconnectTimer);
      reconnectTimer = null;
    }
    clearTimers();
    const current = socket;
    socket = null;
    authenticated = false;
    current?.close(1000, 'stopped');
    lastEventId = undefined;
    setState('idle');
  }

  /** Connect now instead of waiting for the backoff (the browser came back online). */
  function retryNow(): void {
    if (!running || socket !== null) {
      return;
    }
    if (reconnectTimer !== null) {
      cancel(reconnectTimer);
      reconnectTimer = null;
    }
    attempt = 0;
    void connect();
  }

  return {
    start,
    stop,
    retryNow,
    state: (): ConnectionState => state,
    lastEventId: (): number | undefined => lastEventId,
    /** Adds topics (reference-counted across pages); returns the function that removes them. */
    subscribe(wanted: string[]): () => void {
      const added = wanted.filter((topic) => {
        const count = topics.get(topic) ?? 0;
        topics.set(topic, count + 1);
        return count === 0;
      });
      if (added.length > 0) {
        sendSubscribe();
      }
      return () => {
        wanted.forEach((topic) => {
          const count = topics.get(topic) ?? 0;
          if (count <= 1) {
            topics.delete(topic);
          } else {
            topics.set(topic, count - 1);
          }
        });
      };
    },
    onEvent(listener: (event: RealtimeEvent) => void): () => void {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onState: (listener: (state: ConnectionState) => void): (() => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
