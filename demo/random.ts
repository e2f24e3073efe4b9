import { createHash } from 'node:crypto';

/** A seeded source of numbers in [0, 1): the same seed always gives the same sequence. */
export type Random = () => number;

/** mulberry32: small, fast and good enough to lay out sample data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for one item of a seeded collection, independent of every other item. */
export function randomFor(seed: number, ...parts: readonly (string | number)[]): Random {
  return createRandom(
    createHash('sha1')
      .update(`${seed}:${parts.join(':')}`)
      .digest()
      .readUInt32LE(0),
  );
}

/** An integer in [min, max] spread evenly on a log scale, as file sizes are in practice. */
export function logUniform(random: Random, min: number, max: number): number {
  return Math.floor(Math.exp(Math.log(min) + random() * (Math.log(max + 1) - Math.log(min))));
}

/** Picks one item. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** `length` hex digits derived from the parts, stable across runs. */
export function stableHex(length: number, ...parts: readonly (string | number)[]): string {
  let hex = '';
  for (let block = 0; hex.length < length; block++) {
    hex += createHash('sha256')
      .update(`${block}:${parts.join(':')}`)
      .digest('hex');
  }
  return hex.slice(0, length);
}

/** A version-4-shaped UUID derived from the parts, stable across runs. */
export function stableUuid(...parts: readonly (string | number)[]): string {
  const hex = stableHex(32, ...parts);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A version-7 (time-ordered) UUID for `millis`, the rest derived from the parts: UUIDs made in
 * increasing time sort in that order, so rows keyed by them load in key order.
 */
export function timeOrderedUuid(millis: number, ...parts: readonly (string | number)[]): string {
  const time = millis.toString(16).padStart(12, '0');
  const hex = stableHex(20, ...parts);
  const variant = ((parseInt(hex[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(8, 20)}`;
}

/** `size` pseudo-random bytes from the seed, used as a pool that file contents are cut from. */
export function randomBytes(seed: number, size: number): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = (seed ^ 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return Buffer.from(words.buffer, 0, size);
}
