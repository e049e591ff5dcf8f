/**
 * A small, seeded, reproducible pseudo-random number generator: xoshiro128** 1.1 (Blackman &
 * Vigna 2021), seeded by SplitMix64 (Steele, Lea & Flood 2014), as the xoshiro authors
 * recommend: a 64-bit seed is expanded into the 128-bit state by two SplitMix64 outputs, so
 * nearby seeds (1, 2, 3 …) give unrelated streams and the state is never all zero.
 *
 * xoshiro128** step, on the state words s0…s3 (32-bit, arithmetic mod 2³²):
 *   result = rotl(s1 · 5, 7) · 9
 *   t = s1 << 9;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 11)
 * SplitMix64 step (64-bit): z = (x += 0x9E3779B97F4A7C15);  z = (z ^ z>>30)·0xBF58476D1CE4E5B9;
 *   z = (z ^ z>>27)·0x94D049BB133111EB;  return z ^ z>>31.
 *
 * Uniform doubles take 53 random bits from two outputs: (a>>>5 · 2²⁶ + b>>>6) / 2⁵³ ∈ [0, 1).
 * Only 32-bit integer operations (Math.imul) run per draw, so it is fast in any JS engine;
 * BigInt is used only while seeding.
 *
 * References: D. Blackman, S. Vigna (2021), "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4); reference code https://prng.di.unimi.it/xoshiro128starstar.c (v1.1).
 * G. Steele, D. Lea, C. Flood (2014), "Fast splittable pseudorandom number generators", OOPSLA.
 */
const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 as a stateful generator of 64-bit BigInts. */
export function splitMix64(seed: bigint): () => bigint {
  let x = BigInt.asUintN(64, seed);
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

export interface Rng {
  /** The next 32-bit output as an unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
}

/** xoshiro128** from an explicit state of four 32-bit words (not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): Rng {
  let s0 = state[0] | 0;
  let s1 = state[1] | 0;
  let s2 = state[2] | 0;
  let s3 = state[3] | 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new Error('xoshiro128** state must not be all zero');
  const next = (): number => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  };
  return {
    nextUint32: next,
    uniform: () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992,
  };
}

/**
 * The generator for a seed and a stream number: the state is the first two SplitMix64 outputs
 * seeded with (seed + stream · 0x632BE59BD9B4E019) mod 2⁶⁴ (stream 0 is the plain seed), split
 * into four 32-bit words, low word first. Different streams serve different purposes
 * (sampling, bootstrap) so that adding bootstrap replicates never changes the sampled runs.
 */
export function seededRng(seed: number | bigint, stream = 0): Rng {
  const base = BigInt(seed) + BigInt(stream) * 0x632be59bd9b4e019n;
  const next = splitMix64(base);
  const a = next();
  const b = next();
  const lo = (x: bigint) => Number(x & 0xffffffffn);
  const hi = (x: bigint) => Number(x >> 32n);
  return xoshiro128ss([lo(a), hi(a), lo(b), hi(b)]);
}
