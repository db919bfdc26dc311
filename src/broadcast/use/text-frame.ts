/**
 * A server-to-client WebSocket text frame (RFC 6455 §5.2: FIN, opcode 1, unmasked), built once per
 * message. Every subscriber gets the same bytes, so framing per client (what `ws.send` does: a new
 * header and two socket writes each time) is work done a thousand times over for nothing.
 */
const FIN_TEXT = 0x81;

/** `payload` (UTF-8 JSON) as one complete text frame. */
export function textFrame(payload: string): Buffer {
  const length = Buffer.byteLength(payload);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const wire = Buffer.allocUnsafe(header + length);
  wire[0] = FIN_TEXT;
  if (header === 2) wire[1] = length;
  else if (header === 4) {
    wire[1] = 126;
    wire.writeUInt16BE(length, 2);
  } else {
    wire[1] = 127;
    // 64-bit length; JSON messages never come near 2^53 bytes.
    wire.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    wire.writeUInt32BE(length >>> 0, 6);
  }
  wire.write(payload, header, 'utf8');
  return wire;
}
