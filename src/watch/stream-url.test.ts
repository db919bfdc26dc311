import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { streamUrl, WatchError } from './stream-url.ts';

describe('the stream URL', () => {
  it('takes ws:// and wss:// as given, a bare host:port as ws://, and a dashboard\'s http(s) address as its stream', () => {
    assert.equal(streamUrl('ws://localhost:8765'), 'ws://localhost:8765/');
    assert.equal(streamUrl('wss://courtside.example/stream'), 'wss://courtside.example/stream');
    assert.equal(streamUrl('localhost:8765'), 'ws://localhost:8765/');
    assert.equal(streamUrl('http://127.0.0.1:9000/'), 'ws://127.0.0.1:9000/');
    assert.equal(streamUrl('https://courtside.example'), 'wss://courtside.example/');
  });
  it('refuses what is not a URL, or not a stream\'s, with a message saying what to give', () => {
    for (const [text, pattern] of [
      ['ws://', /URL: "ws:\/\/" is not a URL; give the stream as ws:\/\/host:port/],
      ['ftp://example.org', /URL: "ftp:\/\/example\.org" is not a WebSocket URL; give the stream as ws:\/\/host:port or wss:\/\/host/],
    ] as const) {
      assert.throws(() => streamUrl(text), (e: unknown) => e instanceof WatchError && e.code === 'watch_url' && pattern.test(e.message));
    }
  });
});
