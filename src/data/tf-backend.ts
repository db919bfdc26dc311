import { createRequire } from 'node:module';
import path from 'node:path';
import type { Tf } from '../model/lstm-training.ts';

export type Warn = (message: string) => void;

let ready: Promise<Tf> | undefined;

/**
 * TensorFlow.js on its WebAssembly backend, initialised once per process. In Node the wasm
 * backend cannot find its .wasm files by itself, so it is pointed at the package's dist folder.
 * If WebAssembly cannot start, training still works on the plain 'cpu' backend, slower, and says
 * so. Imported lazily: loading tfjs costs most of a second, and serving forecasts never needs it. The model
 * trains with the `tf` it is given, so it loads no backend itself.
 */
export function tensorflow(warn: Warn = (m) => process.emitWarning(m)): Promise<Tf> {
  ready ??= init(warn);
  return ready;
}

async function init(warn: Warn): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${dist}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend returned false');
    await tf.ready();
  } catch (cause) {
    warn(`tfjs wasm backend unavailable (${(cause as Error).message}); training on the slower 'cpu' backend`);
    await tf.setBackend('cpu');
    await tf.ready();
  }
  return tf;
}
