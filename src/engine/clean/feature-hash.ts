// The stable string hash of feature hashing. It is part of every stored pipeline that uses hashing
// (it decides which bucket a value lands in), so it must never change; hence a frozen copy here.

const encoder = new TextEncoder();

/**
 * FNV-1a, 32-bit (offset basis 0x811c9dc5, prime 0x01000193), over the UTF-8 bytes of `text`.
 * Test vectors: '' -> 0x811c9dc5, 'a' -> 0xe40c292c, 'foobar' -> 0xbf9cf968. Returns an unsigned integer. Pure.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

/** The bucket (0..buckets-1) of a category value: fnv1a32(value.trim()) mod buckets. */
export function hashBucket(value: string, buckets: number): number {
  return fnv1a32(value.trim()) % buckets;
}
