import { describe, expect, it } from 'vitest';
import { hexWords, uuidV4 } from '../../../src/engine/hex.js';

describe('hex strings', () => {
  it('formats a version-4 UUID from four 32-bit values', () => {
    expect(uuidV4(0xdeadbeef, 0x12345678, 0x9abcdef0, 0x0fedcba9)).toBe(
      'deadbeef-1234-4678-9abc-def00fedcba9',
    );
    expect(uuidV4(0, 0, 0, 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuidV4(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toBe(
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
    );
  });

  it('writes 32-bit words as eight hex digits each', () => {
    expect(hexWords([0, 0xabcdef01, 0xffffffff])).toBe('00000000abcdef01ffffffff');
  });
});
