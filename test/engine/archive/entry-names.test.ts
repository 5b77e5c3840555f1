// Entry names: UTF-8 and CP437 decoding, normalisation of hostile names for display (Z3), and skip rules.
import { describe, expect, it } from 'vitest';
import { MAX_SEGMENT_CHARS, decodeCp437, decodeEntryName, entrySkipReason, normalizeEntryName } from '../../../src/engine/archive/entry-names';

describe('decodeEntryName', () => {
  it('reads UTF-8 names with the flag and valid UTF-8 without it', () => {
    const bytes = new TextEncoder().encode('données/été.png');
    expect(decodeEntryName(bytes, true)).toBe('données/été.png');
    expect(decodeEntryName(bytes, false)).toBe('données/été.png');
  });

  it('reads CP437 when the bytes are not valid UTF-8 and the flag is off', () => {
    // 0x82 = é, 0x81 = ü, 0xE1 = ß, 0xDB = █ in CP437 (IBM code page table).
    expect(decodeEntryName(Uint8Array.of(0x63, 0x61, 0x66, 0x82), false)).toBe('café');
    expect(decodeCp437(Uint8Array.of(0x81, 0xe1, 0xdb, 0xff, 0x41))).toBe('üß█\u00a0A');
  });

  it('replaces invalid UTF-8 with U+FFFD when the flag is set', () => {
    expect(decodeEntryName(Uint8Array.of(0x61, 0xff, 0x62), true)).toBe('a\ufffdb');
  });
});

describe('normalizeEntryName (Z3)', () => {
  it.each([
    ['../../x', ['x']],
    ['/abs/x', ['abs', 'x']],
    ['C:\\x', ['x']],
    ['c:x\\y', ['x', 'y']],
    ['a/./b//c/', ['a', 'b', 'c']],
    ['..\\..\\windows\\system32', ['windows', 'system32']],
    ['//server/share/f.txt', ['server', 'share', 'f.txt']],
    ['a/C:/b', ['a', 'C:', 'b']],
    ['../', []],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeEntryName(raw)).toEqual(expected);
  });

  it('replaces control and bidi characters', () => {
    expect(normalizeEntryName('a\u0000b/c\nd\u202egnp.exe')).toEqual(['a\ufffdb', 'c\ufffdd\ufffdgnp.exe']);
  });

  it('shortens very long segments but keeps their extension', () => {
    const [segment] = normalizeEntryName(`${'x'.repeat(5000)}.png`);
    expect(segment.length).toBe(MAX_SEGMENT_CHARS);
    expect(segment.endsWith('x.png')).toBe(true);
    expect(segment).toContain('…');
    expect(normalizeEntryName('y'.repeat(MAX_SEGMENT_CHARS))[0]).toBe('y'.repeat(MAX_SEGMENT_CHARS));
  });

  it('keeps __proto__ and constructor as ordinary names (Z4)', () => {
    expect(normalizeEntryName('__proto__/constructor')).toEqual(['__proto__', 'constructor']);
  });
});

describe('entrySkipReason', () => {
  it('skips macOS metadata, system files and hidden files, and keeps the rest', () => {
    expect(entrySkipReason(['__MACOSX', 'cat', '._1.png'])).toMatch(/__MACOSX/);
    expect(entrySkipReason(['cat', '.DS_Store'])).toBe('system file');
    expect(entrySkipReason(['dog', 'Thumbs.db'])).toBe('system file');
    expect(entrySkipReason(['.git', 'config'])).toBe('hidden file or folder');
    expect(entrySkipReason([])).toMatch(/empty/);
    expect(entrySkipReason(['cat', '1.png'])).toBeUndefined();
    expect(entrySkipReason(['__proto__'])).toBeUndefined();
  });
});
