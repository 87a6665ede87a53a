/** Character codes of the lower-case hex digits. */
const HEX_CODES: readonly number[] = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH = 45;

// Strings are written as bytes into one buffer and decoded once: the result is a single flat
// string, with no intermediate pieces to allocate and collect.
const buf = new Uint8Array(64);
const latin1 = new TextDecoder('latin1');

function put(pos: number, n: number, digits: number): void {
  let v = n >>> 0;
  for (let i = digits - 1; i >= 0; i--) {
    buf[pos + i] = HEX_CODES[v & 15]!;
    v >>>= 4;
  }
}

/**
 * A version-4 UUID (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`) from four random 32-bit values:
 * `a` and the high half of `b` give the first 12 digits, the low 12 bits of `b` follow the 4, the
 * top bits of `c` pick the variant digit.
 *
 * @example
 * ```ts
 * uuidV4(0xdeadbeef, 0x12345678, 0x9abcdef0, 0x0fedcba9); // 'deadbeef-1234-4678-9abc-def00fedcba9'
 * ```
 */
export function uuidV4(a: number, b: number, c: number, d: number): string {
  put(0, a, 8);
  buf[8] = DASH;
  put(9, b >>> 16, 4);
  buf[13] = DASH;
  buf[14] = 52; // '4'
  put(15, b & 0xfff, 3);
  buf[18] = DASH;
  buf[19] = HEX_CODES[8 + ((c >>> 28) & 3)]!;
  put(20, (c >>> 16) & 0xfff, 3);
  buf[23] = DASH;
  put(24, c & 0xffff, 4);
  put(28, d, 8);
  return latin1.decode(buf.subarray(0, 36));
}

/** The hex digits of up to eight 32-bit values, as one flat string. */
export function hexWords(words: readonly number[]): string {
  for (let i = 0; i < words.length; i++) put(i * 8, words[i]!, 8);
  return latin1.decode(buf.subarray(0, words.length * 8));
}
