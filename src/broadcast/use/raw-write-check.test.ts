import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebSocketServer, type PerMessageDeflateOptions } from 'ws';
import { BroadcastError } from '../errors.ts';
import { assertRawWritable, type CheckedServer } from './raw-write-check.ts';

/**
 * A real ws server whose options say `perMessageDeflate: false` while its handshake still
 * compresses: what a ws release that changed what the option means would look like to the check.
 */
function compressingDespiteOptions(perMessageDeflate: true | PerMessageDeflateOptions): CheckedServer {
  const real = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate });
  return {
    options: { ...real.options, perMessageDeflate: false },
    handleUpgrade: (req, socket, head, done) => real.handleUpgrade(req, socket, head, done),
  };
}

function precondition(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof BroadcastError, `expected a BroadcastError, got ${String(error)}`);
    assert.equal(error.code, 'ERR_WS_PRECONDITION');
    assert.match(error.message, /^the raw WebSocket write path cannot run: /);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('the raw write path’s start-up check', () => {
  it('passes on the installed ws with compression off (what the transport builds)', () => {
    assertRawWritable(new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false }));
  });

  it('refuses a server configured to compress', () => {
    const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: true });
    assert.throws(() => assertRawWritable(wss), precondition(/perMessageDeflate must be false/));
  });

  it('refuses a ws whose sender queues a frame instead of writing it before send() returns', () => {
    // Compressing is asynchronous in ws: the probe waits in the sender's queue.
    assert.throws(() => assertRawWritable(compressingDespiteOptions(true)), precondition(/queued a frame in send\(\)/));
  });

  it('refuses a ws that negotiates an extension even when it writes the probe at once', () => {
    // Without context takeover and under the threshold, ws sends the probe uncompressed and at once.
    const wss = compressingDespiteOptions({ serverNoContextTakeover: true, threshold: 1024 * 1024 });
    assert.throws(() => assertRawWritable(wss), precondition(/negotiated "permessage-deflate/));
  });
});
