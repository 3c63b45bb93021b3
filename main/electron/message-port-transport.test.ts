import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createClient } from '../../shared/rpc/client';
import { procedure, stream, type Handlers } from '../../shared/rpc/define';
import { isClientMessage, isServerMessage, type ClientMessage, type ServerMessage } from '../../shared/rpc/protocol';
import { serve } from '../../shared/rpc/server';
import { messagePortTransport } from './message-port-transport';

/**
 * A fake MessagePortMain: an EventEmitter that structured-clones what it posts to its peer,
 * delivers asynchronously, holds messages until start(), and closes both ends at once, the
 * way Electron's ports behave.
 */
class FakePort extends EventEmitter {
  peer!: FakePort;
  started = false;
  closed = false;
  posted: unknown[] = [];
  private queue: unknown[] = [];
  postMessage(message: unknown): void {
    if (this.closed) return;
    this.posted.push(message);
    const copy = structuredClone(message);
    setTimeout(() => this.peer.receive(copy), 0);
  }
  receive(data: unknown): void {
    if (this.closed) return;
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }
  start(): void {
    this.started = true;
    // Like Electron, queued messages are dispatched from the event loop, not inside start().
    for (const data of this.queue.splice(0)) setTimeout(() => this.emit('message', { data, ports: [] }), 0);
  }
  close(): void {
    for (const p of [this, this.peer]) {
      if (p.closed) continue;
      p.closed = true;
      setTimeout(() => p.emit('close'), 0);
    }
  }
}

function channel(): { port1: FakePort; port2: FakePort } {
  const port1 = new FakePort();
  const port2 = new FakePort();
  port1.peer = port2;
  port2.peer = port1;
  return { port1, port2 };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('messagePortTransport', () => {
  it('starts the port, so messages queued before it was wrapped arrive', async () => {
    const { port1, port2 } = channel();
    port2.start();
    port2.postMessage({ t: 'cancel', id: 1 });
    await tick();
    const transport = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
    const got: unknown[] = [];
    transport.onMessage((m) => got.push(m));
    await tick();
    expect(port1.started).toBe(true);
    expect(got).toEqual([{ t: 'cancel', id: 1 }]);
  });

  // [sentence, data the renderer posts, delivered]
  const inputs: [string, unknown, boolean][] = [
    ['a call is delivered', { t: 'call', id: 1, name: 'app.info', input: {} }, true],
    ['a subscribe is delivered', { t: 'subscribe', id: 2, name: 'x', input: null }, true],
    ['a cancel is delivered', { t: 'cancel', id: 3 }, true],
    ['a string is dropped', 'vigie:port', false],
    ['null is dropped', null, false],
    ['an unknown message type is dropped', { t: 'eval', id: 1, code: 'x' }, false],
    ['a call without a name is dropped', { t: 'call', id: 1 }, false],
    ['a fractional id is dropped', { t: 'cancel', id: 1.5 }, false],
  ];
  it.each(inputs)('%s', async (_name, data, delivered) => {
    const { port1, port2 } = channel();
    port2.start();
    const transport = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
    const got: unknown[] = [];
    transport.onMessage((m) => got.push(m));
    port2.postMessage(data);
    await tick();
    expect(got).toEqual(delivered ? [data] : []);
  });

  it('ignores a message event without data', async () => {
    const { port1 } = channel();
    const transport = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
    const got: unknown[] = [];
    transport.onMessage((m) => got.push(m));
    port1.emit('message', undefined);
    port1.emit('message', {});
    expect(got).toEqual([]);
  });

  it('reports the peer going away once, and stops listening to the port', async () => {
    const { port1, port2 } = channel();
    const transport = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
    const onClose = vi.fn();
    transport.onClose(onClose);
    port2.close();
    await tick();
    port1.emit('close');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(port1.listenerCount('message') + port1.listenerCount('close')).toBe(0);
  });

  it('close() closes the port and reports it once', async () => {
    const { port1 } = channel();
    const transport = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
    const onClose = vi.fn();
    transport.onClose(onClose);
    transport.close();
    transport.close();
    await tick();
    expect(port1.closed).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('sends nothing once closed, and tells late onClose listeners at once', async () => {
    const { port1 } = channel();
    const transport = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
    transport.close();
    transport.send({ t: 'end', id: 1 });
    expect(port1.posted).toEqual([]);
    const late = vi.fn();
    transport.onClose(late);
    await tick();
    expect(late).toHaveBeenCalledTimes(1);
  });

  describe('serving a contract over a port pair', () => {
    const demo = {
      'demo.echo': procedure(z.object({ text: z.string() }), z.string()),
      'demo.ticks': stream(z.object({}), z.number()),
    };
    function setup() {
      const { port1, port2 } = channel();
      const aborted = vi.fn();
      const handlers: Handlers<typeof demo> = {
        'demo.echo': async ({ text }) => text.toUpperCase(),
        'demo.ticks': async function* (_input, { signal }) {
          signal.addEventListener('abort', aborted);
          for (let i = 0; !signal.aborted; i++) {
            yield i;
            await tick();
          }
        },
      };
      const server = messagePortTransport<ClientMessage, ServerMessage>(port1, isClientMessage);
      serve(demo, handlers, server);
      const client = createClient(demo, messagePortTransport<ServerMessage, ClientMessage>(port2, isServerMessage));
      return { client, port2, aborted };
    }

    it('answers a call', async () => {
      const { client } = setup();
      await expect(client.call('demo.echo', { text: 'loki' })).resolves.toBe('LOKI');
    });

    it('rejects bad input with the contract error, not a crash', async () => {
      const { client } = setup();
      await expect(client.call('demo.echo', { text: 1 } as never)).rejects.toMatchObject({ error: { code: 'bad_input' } });
    });

    it('aborts running streams when the page goes away', async () => {
      const { client, port2, aborted } = setup();
      const values: number[] = [];
      client.subscribe('demo.ticks', {}, { next: (v) => values.push(v) });
      await tick();
      await tick();
      port2.close();
      await tick();
      await tick();
      expect(values.length).toBeGreaterThan(0);
      expect(aborted).toHaveBeenCalled();
    });
  });
});
