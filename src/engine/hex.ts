/** Two lower-case hex digits of every byte. */
const HEX8: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Four lower-case hex digits of a 16-bit value. */
export function hex16(n: number): string {
  return HEX8[(n >>> 8) & 0xff]! + HEX8[n & 0xff]!;
}

/** Eight lower-case hex digits of a 32-bit value (`(n >>> 0).toString(16).padStart(8, '0')`). */
export function hex32(n: number): string {
  return HEX8[n >>> 24]! + HEX8[(n >>> 16) & 0xff]! + HEX8[(n >>> 8) & 0xff]! + HEX8[n & 0xff]!;
}
