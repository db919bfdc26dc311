/**
 * One frame from the socket, read: a message this client knows (checked by `shape.ts`, then by
 * the caller's own `validate`, if any), a message of a type it does not know (a newer server),
 * or something it cannot use, with the reason in words.
 */
import { isKnownType, isRecord, shapeProblem } from "./shape.js";
export function decodeFrame(data, validate) {
    if (typeof data !== 'string')
        return invalid('binary frame (the protocol is JSON text)');
    let json;
    try {
        json = JSON.parse(data);
    }
    catch {
        return invalid(`invalid JSON: ${data.slice(0, 60)}`);
    }
    if (!isRecord(json) || typeof json.type !== 'string')
        return invalid(`not a message (no "type"): ${data.slice(0, 60)}`);
    if (!isKnownType(json.type))
        return { kind: 'unknown', type: json.type, message: json };
    const problem = shapeProblem(json.type, json);
    if (problem)
        return invalid(problem);
    const message = json;
    const refused = validate?.(message);
    return refused === undefined ? { kind: 'message', message } : invalid(refused);
}
function invalid(reason) {
    return { kind: 'invalid', reason };
}
//# sourceMappingURL=decode.js.map