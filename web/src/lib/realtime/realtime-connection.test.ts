import { describe, expect, it, vi } from 'vitest';
import { fakeSocketConnection } from '@/testing/realtime';

/** Timers under the test's control: `advance` runs what is due. */
function clock() {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let next = 1;
  return {
    setTimeout: (callback: () => void, ms: number) => {
      const id = next++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout: (id: unknown) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
    pending: () => timers.map((timer) => timer.at - now).sort((a, b) => a - b),
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
        await Promise.resolve();
        await Promise.resolve();
      }
      now = until;
    },
  };
}

function setup(token: (refresh: boolean) => Promise<string | null> = async (refresh) => (refresh ? 'fresh' : 'token')) {
  const time = clock();
  const tokens = vi.fn(token);
  const { connection, sockets, latest } = fakeSocketConnection({
    token: tokens,
    setTimeout: time.setTimeout,
    clearTimeout: time.clearTimeout,
    random: () => 1,
    pingIntervalMs: 20_000,
    silenceTimeoutMs: 60_000,
  });
  return { connection, sockets, latest, time, tokens };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the realtime connection', () => {
  it('authenticates first, then subscribes to the wanted topics', async () => {
    const { connection, latest } = setup();
    connection.subscribe(['orders', 'jobs']);
    connection.start();
    await flush();

    latest().open();
    expect(latest().sent).toEqual([{ type: 'auth', payload: { token: 'token' } }]);
    expect(connection.state()).toBe('connecting');

    latest().receive({ type: 'auth_success', payload: {} });
    expect(connection.state()).toBe('online');
    expect(latest().sent[1]).toEqual({ type: 'subscribe', payload: { topics: ['orders', 'jobs'] } });
  });

  it('delivers events once, in order, and resumes after the last one on reconnect', async () => {
    const { connection, latest, sockets, time } = setup();
    const seen: number[] = [];
    connection.onEvent((event) => seen.push(event.eventId));
    connection.subscribe(['orders']);
    connection.start();
    await flush();
    latest().open();
    latest().receive({ type: 'auth_success' });
    latest().receive({ type: 'order.updated', payload: { eventId: 7, resourceType: 'order', resourceId: 'o1', status: 'paid' } });
    latest().receive({ type: 'order.updated', payload: { eventId: 7, resourceType: 'order', resourceId: 'o1' } });
    latest().receive({ type: 'order.updated', payload: { eventId: 9, resourceType: 'order', resourceId: 'o1' } });
    latest().receive({ type: 'order.updated', payload: { noEventId: true } });
    latest().receive('not json at all');

    latest().drop();
    expect(connection.state()).toBe('reconnecting');
    await time.advance(1_000);
    await flush();
    expect(sockets).toHaveLength(2);
    latest().open();
    latest().receive({ type: 'auth_success' });

    expect(seen).toEqual([7, 9]);
    expect(latest().sent[1]).toEqual({ type: 'subscribe', payload: { topics: ['orders'], lastEventId: 9 } });
  });

  it('delivers state.updated, whose id is the state version, without taking it for a replay', async () => {
    const { connection, latest } = setup();
    const seen: string[] = [];
    connection.onEvent((event) => seen.push(`${event.type}@${event.eventId}`));
    connection.subscribe(['orders', 'state']);
    connection.start();
    await flush();
    latest().open();
    latest().receive({ type: 'auth_success' });
    latest().receive({ type: 'order.updated', payload: { eventId: 12, resourceType: 'order', resourceId: 'o1' } });
    latest().receive({ type: 'state.updated', payload: { eventId: 12, resourceType: 'state', version: 12 } });
    latest().receive({ type: 'state.updated', payload: { eventId: 15, resourceType: 'state', version: 15 } });
    latest().receive({ type: 'order.updated', payload: { eventId: 13, resourceType: 'order', resourceId: 'o2' } });

    expect(seen).toEqual(['order.updated@12', 'state.updated@12', 'state.updated@15', 'order.updated@13']);
    expect(connection.lastEventId()).toBe(13);
  });

  it('backs off exponentially up to 30 seconds while the server is unreachable', async () => {
    const { connection, latest, time, sockets } = setup();
    connection.start();
    await flush();
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      latest().drop();
      delays.push(time.pending()[0]!);
      await time.advance(delays[delays.length - 1]!);
      await flush();
    }

    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(sockets).toHaveLength(8);
    expect(connection.state()).toBe('reconnecting');
  });

  it('pings, and treats a silent connection as dead', async () => {
    const { connection, latest, time, sockets } = setup();
    connection.start();
    await flush();
    latest().open();
    latest().receive({ type: 'auth_success' });

    await time.advance(20_000);
    expect(latest().sent.at(-1)).toEqual({ type: 'ping' });
    await time.advance(40_000);
    expect(sockets[0]!.closedWith).toBe(4000);
  });

  it('gets a fresh token after the server refused one (4401)', async () => {
    const { connection, latest, time, tokens } = setup();
    connection.start();
    await flush();
    latest().open();
    latest().close(4401);

    await time.advance(1_000);
    await flush();
    latest().open();

    expect(tokens.mock.calls.map(([refresh]) => refresh)).toEqual([false, true]);
    expect(latest().sent[0]).toEqual({ type: 'auth', payload: { token: 'fresh' } });
  });

  it('stays idle when signed out, and stop ends reconnecting', async () => {
    const signedOut = setup(async () => null);
    signedOut.connection.start();
    await flush();
    expect(signedOut.sockets).toHaveLength(0);
    expect(signedOut.connection.state()).toBe('idle');

    const { connection, latest, time, sockets } = setup();
    connection.start();
    await flush();
    latest().drop();
    connection.stop();
    await time.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(connection.state()).toBe('idle');
  });

  it('subscribes topics added while online, counting references across pages', async () => {
    const { connection, latest } = setup();
    connection.start();
    await flush();
    latest().open();
    latest().receive({ type: 'auth_success' });

    const first = connection.subscribe(['order:1']);
    const second = connection.subscribe(['order:1']);
    expect(latest().sent.filter((message) => message.type === 'subscribe')).toHaveLength(1);
    first();
    second();
    connection.subscribe(['jobs']);
    expect(latest().sent.at(-1)).toEqual({ type: 'subscribe', payload: { topics: ['jobs'] } });
  });
});
