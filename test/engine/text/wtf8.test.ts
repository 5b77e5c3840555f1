// Tests for the lossless string <-> byte conversion used by BPE: agreement with TextEncoder on valid text,
// WTF-8 bytes for lone surrogates, and U+FFFD for byte runs that form no character.
import { describe, expect, it } from 'vitest';
import { decodeWtf8, encodeWtf8 } from '../../../src/engine/text/wtf8';

describe('WTF-8', () => {
  it('matches TextEncoder and TextDecoder on well-formed text', () => {
    const text = 'aé日🙂\u0000\u07ff\u0800\uffff\u{10ffff}';
    expect([...encodeWtf8(text)]).toEqual([...new TextEncoder().encode(text)]);
    expect(decodeWtf8(new TextEncoder().encode(text))).toBe(text);
  });

  it('writes lone surrogates as 3-byte sequences and reads them back', () => {
    expect([...encodeWtf8('\ud800')]).toEqual([0xed, 0xa0, 0x80]);
    expect([...encodeWtf8('\udfff')]).toEqual([0xed, 0xbf, 0xbf]);
    for (const text of ['\ud800', 'a\udc00b', '\udbff\ud800', '\udc00\ud800', '🙂\ud83d']) {
      expect(decodeWtf8(encodeWtf8(text))).toBe(text);
    }
  });

  it('turns each byte that starts no complete character into U+FFFD', () => {
    expect(decodeWtf8([0xe6, 0x97])).toBe('\ufffd\ufffd');
    expect(decodeWtf8([0xff, 0x41])).toBe('\ufffdA');
    expect(decodeWtf8([0xc0, 0x80])).toBe('\ufffd\ufffd'); // Overlong NUL.
    expect(decodeWtf8([0xf4, 0x90, 0x80, 0x80])).toBe('\ufffd'.repeat(4)); // Beyond U+10FFFF.
  });

  it('decodes long inputs (beyond one batch of code units)', () => {
    const text = '日本'.repeat(10000);
    expect(decodeWtf8(encodeWtf8(text))).toBe(text);
  });
});
