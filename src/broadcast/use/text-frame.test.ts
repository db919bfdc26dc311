import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import * as ws from 'ws';
import { startHarness } from '../testing/harness.ts';
import { textFrame } from './text-frame.ts';

/** Payload lengths on both sides of each header size (7-bit, 16-bit and 64-bit lengths). */
const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
const payloadOf = (length: number): string => 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);

/** ws's own framing (not in its type definitions), as the reference. */
const wsFrame = (data: Buffer): Buffer =>
  Buffer.concat((ws as unknown as { Sender: { frame(d: Buffer, o: object): Buffer[] } }).Sender.frame(data, { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }));

describe('textFrame', () => {
  it('frames exactly as ws does, for every header size', () => {
    for (const length of LENGTHS) {
      const payload = payloadOf(length);
      const wire = textFrame(payload);
      assert.ok(wire.equals(wsFrame(Buffer.from(payload))), `length ${length}`);
      assert.equal(wire.subarray(wire.length - Buffer.byteLength(payload)).toString('utf8'), payload);
    }
  });

  it('is read back by a real ws client as the same text messages, in order', { timeout: 10_000 }, async (t) => {
    const h = await startHarness(t);
    const sockets: Socket[] = [];
    h.server.on('connection', (socket) => sockets.push(socket));
    // A plain client: the harness's own would insist on protocol messages.
    const client = new ws.WebSocket(h.url);
    t.after(() => client.terminate());
    const messages: string[] = [];
    let arrived = (): void => {};
    client.on('message', (data: Buffer, isBinary: boolean) => {
      assert.equal(isBinary, false);
      messages.push(data.toString('utf8'));
      arrived();
    });
    const count = (n: number) => new Promise<void>((resolve) => (arrived = () => messages.length >= n && resolve()));
    await count(1); // the snapshot
    const all = count(1 + LENGTHS.length);
    for (const length of LENGTHS) sockets[0]!.write(textFrame(payloadOf(length)));
    await all;
    const received = messages.slice(1);
    assert.deepEqual(received.map((m) => m.length), LENGTHS.map((n) => payloadOf(n).length));
    assert.deepEqual(received, LENGTHS.map(payloadOf));
  });
});
