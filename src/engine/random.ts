/**
 * Seeded pseudo-random streams: xoshiro128** seeded through splitmix32. Each purpose (pod names,
 * behaviors, uids, ...) has its own named stream derived from the seed and the name, so adding a
 * consumer of one stream never changes the numbers another stream gives.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a string, used to derive stream seeds from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A seeded generator of uniformly distributed numbers. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Creates a generator from a 32-bit seed (any integer; its low 32 bits are used). */
  constructor(seed: number) {
    const sm = splitmix32(seed);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A float in [0, 1) with 53 bits of precision. */
  nextFloat(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An integer in [0, n). */
  intBelow(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** The generator state (four 32-bit integers), for checkpoints. */
  getState(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Named random streams derived from one seed.
 *
 * @example
 * ```ts
 * const streams = new RandomStreams(7);
 * streams.get('pod-names').intBelow(27);
 * ```
 */
export class RandomStreams {
  private readonly streams = new Map<string, Rng>();
  /** The seed all streams derive from. */
  readonly seed: number;
  constructor(seed: number) {
    this.seed = seed;
  }

  /** The stream for `name`, created on first use from (seed, name). */
  get(name: string): Rng {
    let r = this.streams.get(name);
    if (!r) {
      r = new Rng((hashString(name) ^ Math.imul(this.seed | 0, 0x9e3779b1)) >>> 0);
      this.streams.set(name, r);
    }
    return r;
  }
}
