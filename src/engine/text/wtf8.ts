// Strings to bytes and back for byte-level tokenizers, lossless for every JavaScript string.
// UTF-8, extended as in WTF-8: a lone surrogate (invalid UTF-16) is written as the 3-byte form of its code unit.

/** Appends the bytes of `text` to `out` (a growable byte list) and returns `out`. */
export function pushWtf8Bytes(text: string, out: number[]): number[] {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    // Lone surrogates land here too: 0xED 0xA0-0xBF 0x80-0xBF, which strict UTF-8 forbids.
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return out;
}

/**
 * Encodes `text` as UTF-8 bytes; lone surrogates use their WTF-8 3-byte form instead of becoming U+FFFD
 * (what TextEncoder does), so `decodeWtf8(encodeWtf8(s)) === s` for every string. Pure.
 */
export function encodeWtf8(text: string): Uint8Array {
  return Uint8Array.from(pushWtf8Bytes(text, []));
}

const isContinuation = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80;

/**
 * Decodes UTF-8 bytes, accepting encoded surrogates (WTF-8; a high then a low one join into a pair in the
 * JavaScript string). Any byte that does not start a complete, shortest-form sequence becomes one U+FFFD and
 * decoding resumes at the next byte, so arbitrary id sequences from a model always decode. Pure.
 */
export function decodeWtf8(bytes: ArrayLike<number>): string {
  const units: number[] = [];
  const parts: string[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i];
    let code = -1;
    let size = 1;
    if (b0 < 0x80) {
      code = b0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf && isContinuation(bytes[i + 1])) {
      code = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      size = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef && isContinuation(bytes[i + 1]) && isContinuation(bytes[i + 2])) {
      const c = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if (c >= 0x800) {
        code = c;
        size = 3;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4 && isContinuation(bytes[i + 1]) && isContinuation(bytes[i + 2]) && isContinuation(bytes[i + 3])) {
      const c = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      if (c >= 0x10000 && c <= 0x10ffff) {
        code = c;
        size = 4;
      }
    }
    if (code < 0) code = 0xfffd;
    if (code >= 0x10000) units.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
    else units.push(code);
    i += size;
    // fromCharCode takes arguments; keep batches well under engine argument limits.
    if (units.length >= 8192) parts.push(String.fromCharCode(...units.splice(0)));
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}
