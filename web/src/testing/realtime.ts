import { act } from '@testing-library/react';
import {
  createRealtimeConnection,
  type RealtimeConnection,
  type RealtimeEvent,
  type RealtimeOptions,
  type SocketLike,
} from '@/lib/realtime/realtime-connection';

/** A WebSocket double: the test opens it, sends it server messages and reads what it was sent. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { type: string; payload?: Record<string, unknown> }[] = [];
  closedWith: number | undefined;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  send(data: string) {
    this.sent.push(JSON.parse(data) as FakeSocket['sent'][number]);
  }
  /** Closed by the client. */
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  /** Lost on the way (the server or the network went away). */
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
}

/**
 * The real realtime connection over fake sockets: `sockets` holds every socket it opened, `latest()`
 * the newest. Options (token, timers, intervals) override the defaults.
 */
export function fakeSocketConnection(options: Partial<RealtimeOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const connection = createRealtimeConnection({
    url: () => 'ws://test/ws',
    token: async () => 'token',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    ...options,
  });
  const latest = () => {
    const socket = sockets.at(-1);
    if (!socket) {
      throw new Error('no socket yet');
    }
    return socket;
  };
  return { connection, sockets, latest };
}

/**
 * A connection double that opens no socket and is always online: `topics` records what was
 * subscribed, `emit` delivers a server event to the listeners (inside act()).
 */
export function fakeConnection() {
  const listeners = new Set<(event: RealtimeEvent) => void>();
  const topics: string[] = [];
  const connection: RealtimeConnection = {
    start: () => {},
    stop: () => {},
    retryNow: () => {},
    state: () => 'online',
    lastEventId: () => undefined,
    subscribe: (wanted) => {
      topics.push(...wanted);
      return () => {};
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onState: () => () => {},
  };
  return { connection, topics, emit: (event: RealtimeEvent) => act(() => listeners.forEach((listener) => listener(event))) };
}
