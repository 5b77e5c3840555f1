// Entry names in archives and dropped folders: decoding (UTF-8 or CP437), normalisation for display,
// and which names are system clutter to skip. Names are only ever shown, never used as paths or keys.

/** CP437 (the original IBM PC code page, zip's default) for bytes 0x80-0xFF; bytes below are ASCII. */
const CP437_HIGH = [
  'ÇüéâäàåçêëèïîìÄÅ',
  'ÉæÆôöòûùÿÖÜ¢£¥\u20a7ƒ',
  'áíóúñÑªº¿\u2310¬½¼¡«»',
  '\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510',
  '\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567',
  '\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580',
  'αßΓπΣσµτΦΘΩδ\u221eφε\u2229',
  '\u2261±\u2265\u2264\u2320\u2321÷\u2248°\u2219·\u221a\u207f²\u25a0\u00a0',
].join('');

/** Longest segment shown in full; longer ones keep their start and their end (with the extension). */
export const MAX_SEGMENT_CHARS = 120;
const HEAD_CHARS = 80;
const TAIL_CHARS = 39;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * The text of a raw entry name. `utf8Flag` (zip general-purpose bit 11) means UTF-8. Without it the
 * name is CP437 by the zip spec, but many tools write UTF-8 without setting the flag, so bytes that
 * are valid UTF-8 are read as UTF-8 (CP437 text almost never forms valid multi-byte sequences).
 * Invalid UTF-8 under the flag decodes with U+FFFD. Pure.
 */
export function decodeEntryName(bytes: Uint8Array, utf8Flag: boolean): string {
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) ascii = bytes[i] < 0x80;
  if (ascii || utf8Flag) return utf8Lenient.decode(bytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return decodeCp437(bytes);
  }
}

/** CP437 bytes as text (0x00-0x7F as ASCII). Pure. */
export function decodeCp437(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += bytes[i] < 0x80 ? String.fromCharCode(bytes[i]) : CP437_HIGH[bytes[i] - 0x80];
  return text;
}

// C0/C1 controls, and bidi/zero-width marks that can make a name display as something else.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function shortenSegment(segment: string): string {
  const chars = Array.from(segment); // by code point, so a surrogate pair is never cut in half
  if (chars.length <= MAX_SEGMENT_CHARS) return segment;
  return `${chars.slice(0, HEAD_CHARS).join('')}…${chars.slice(-TAIL_CHARS).join('')}`;
}

/**
 * Display segments of an entry name: `\` and `/` both separate; empty, `.` and `..` segments, leading
 * slashes and a drive letter (`C:`) are dropped; control and bidi characters become U+FFFD; segments
 * longer than MAX_SEGMENT_CHARS keep their first 80 and last 39 characters around `…`. A trailing
 * separator (a folder) leaves no empty segment. The result may be empty (a name such as `../`). Pure.
 */
export function normalizeEntryName(raw: string): string[] {
  const parts = raw.split(/[\\/]+/);
  const segments: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i];
    // A drive letter only means something at the start: `C:x` -> `x`, `C:` -> nothing.
    if (segments.length === 0 && /^[A-Za-z]:/.test(part)) part = part.slice(2);
    if (part === '' || part === '.' || part === '..') continue;
    segments.push(shortenSegment(part.replace(UNSAFE_CHARS, '\ufffd')));
  }
  return segments;
}

const SYSTEM_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/**
 * Why an entry with these display segments is left out, or undefined to keep it: macOS metadata
 * (`__MACOSX/`), system files (`.DS_Store`, `Thumbs.db`, `desktop.ini`), hidden (dot) files and
 * folders, and names with nothing left after normalisation. Pure.
 */
export function entrySkipReason(segments: readonly string[]): string | undefined {
  if (segments.length === 0) return 'the name is empty once unsafe parts are removed';
  if (segments.some((s) => s === '__MACOSX')) return 'macOS metadata folder (__MACOSX)';
  if (SYSTEM_FILES.has(segments[segments.length - 1].toLowerCase())) return 'system file';
  if (segments.some((s) => s.startsWith('.'))) return 'hidden file or folder';
  return undefined;
}
