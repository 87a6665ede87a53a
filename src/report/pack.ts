/**
 * Chunks of embedded data: inline JSON when small; deflate-raw compressed, base64-encoded JSON
 * when large (the page inflates them with the browser's `DecompressionStream`). zlib's output is
 * a function of its input, so reports stay byte-identical for the same run.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Chunk } from './model.js';

/**
 * Packs a value: as JSON when its text is at most `threshold` characters, else compressed.
 *
 * @example
 * ```ts
 * packChunk({ a: 1 }, 1000); // { json: { a: 1 } }
 * ```
 */
export function packChunk<T>(value: T, threshold: number): Chunk<T> {
  const text = JSON.stringify(value);
  if (text.length <= threshold) return { json: value };
  const z = deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 });
  return { z: z.toString('base64'), bytes: text.length };
}

/**
 * Unpacks a chunk (what the page does, for tests and tools).
 *
 * @example
 * ```ts
 * unpackChunk(packChunk({ a: 1 }, 0)); // { a: 1 }
 * ```
 */
export function unpackChunk<T>(chunk: Chunk<T>): T {
  if ('json' in chunk) return chunk.json;
  return JSON.parse(inflateRawSync(Buffer.from(chunk.z, 'base64')).toString('utf8')) as T;
}
