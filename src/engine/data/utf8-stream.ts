// Streaming UTF-8 decoding of user files: strips the BOM, refuses binary and UTF-16 files, and turns
// invalid bytes into a DataInputError with the exact byte offset and line (never U+FFFD substitutes).
import { SNIFF_BYTES, checkFileHead, utf8BomLength } from './byte-sniff';
import { DataInputError } from './table-types';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Index in `bytes` where the first ill-formed UTF-8 sequence starts, or -1 when none does.
 * A sequence cut off by the end of `bytes` counts as ill-formed only when `final` is true.
 * Follows the WHATWG/Unicode rules (no overlongs, no surrogates, nothing above U+10FFFF). Pure.
 */
export function findInvalidUtf8(bytes: Uint8Array, final: boolean): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= n) return final ? i : -1;
      const c = bytes[i + k];
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** The trailing bytes of valid UTF-8 `bytes` that start a character not yet complete (0 to 3 bytes). */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return bytes.subarray(bytes.length);
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? bytes.slice(bytes.length - back) : bytes.subarray(bytes.length);
    }
  }
  return bytes.subarray(bytes.length);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Push-based UTF-8 decoder for one file. `push(bytes)` returns the text decoded so far (possibly '')
 * and `end()` the rest. The first 4 KiB are held back until they have been checked for binary or
 * UTF-16 content; a leading UTF-8 BOM is dropped. Throws DataInputError ('binary-file', 'utf16',
 * 'not-utf8' with `byteOffset`); after a throw the decoder must not be used again.
 */
export class Utf8ChunkDecoder {
  // ignoreBOM keeps a second, stray BOM in the text (the header clean-up removes it); the first is stripped here.
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private head: Uint8Array[] = [];
  private headLength = 0;
  private checked = false;
  /** File offset of the next byte handed to the TextDecoder. */
  private offset = 0;
  /** Bytes of an unfinished character the TextDecoder is holding (valid so far). */
  private carry: Uint8Array = new Uint8Array(0);
  /** Line breaks (LF, CR or CRLF) in the text decoded so far; a CR that ended the last text is pending. */
  private lineBreaks = 0;
  private pendingCR = false;

  /** Decode the next bytes of the file. */
  push(bytes: Uint8Array): string {
    if (this.checked) return this.decode(bytes);
    this.head.push(bytes);
    this.headLength += bytes.length;
    return this.headLength >= SNIFF_BYTES ? this.checkHead() : '';
  }

  /** Decode what is left; throws 'not-utf8' when the file ends inside a character. */
  end(): string {
    let text = this.checked ? '' : this.checkHead();
    try {
      text += this.decoder.decode();
    } catch {
      throw this.invalidError(this.carry, this.offset - this.carry.length, true);
    }
    return text;
  }

  private checkHead(): string {
    const bytes = concatBytes(this.head);
    this.head = [];
    this.checked = true;
    checkFileHead(bytes);
    const bom = utf8BomLength(bytes);
    this.offset = bom;
    return this.decode(bytes.subarray(bom));
  }

  private decode(bytes: Uint8Array): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      throw this.invalidError(concatBytes([this.carry, bytes]), this.offset - this.carry.length, false);
    }
    this.offset += bytes.length;
    // The decoder accepted everything, so the unfinished character (if any) sits at the very end.
    const tail = concatBytes([this.carry.subarray(Math.max(0, this.carry.length - 3)), bytes.subarray(Math.max(0, bytes.length - 3))]);
    this.carry = incompleteTail(tail);
    this.countLineBreaks(text);
    return text;
  }

  private countLineBreaks(text: string): void {
    if (text.length === 0) return;
    let breaks = 0;
    // CRLF counts once: count every LF, and every CR not followed by an LF.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks++;
    if (this.pendingCR && text.charCodeAt(0) !== LF) breaks++;
    for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) !== LF) breaks++;
    }
    this.pendingCR = text.charCodeAt(text.length - 1) === CR;
    this.lineBreaks += breaks;
  }

  /** Build 'not-utf8' for `bytes` (the held-back carry plus the failing chunk) starting at file offset `base`. */
  private invalidError(bytes: Uint8Array, base: number, final: boolean): DataInputError {
    let index = findInvalidUtf8(bytes, final);
    if (index < 0) index = 0; // cannot happen when the TextDecoder threw; stay safe anyway
    let breaks = this.lineBreaks;
    let pendingCR = this.pendingCR;
    for (let i = 0; i < index; i++) {
      const b = bytes[i];
      if (b === LF) {
        breaks++;
        pendingCR = false;
      } else {
        if (pendingCR) breaks++;
        pendingCR = b === CR;
      }
    }
    if (pendingCR) breaks++;
    const byteOffset = base + index;
    const line = breaks + 1;
    const shown = (bytes[index] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    // At the end of the file the only possible failure is a character cut off by the end.
    const what = final ? 'the file ends in the middle of a character' : `the byte 0x${shown} is not valid UTF-8`;
    return new DataInputError(
      'not-utf8',
      `This file is not UTF-8 text: at byte offset ${byteOffset} (line ${line}) ${what}. ` +
        'It was probably saved in another encoding such as Windows-1252 or Latin-1. ' +
        'Open it in your spreadsheet program and save it as CSV UTF-8, then import it again.',
      { byteOffset },
    );
  }
}

export interface Utf8ReadOptions {
  /** Refuse files with more bytes than this ('too-large'). Default: no limit. */
  maxBytes?: number;
  /** Called once per chunk read from the source with the total bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Abort: the generator throws the signal's reason and cancels the source. */
  signal?: AbortSignal;
}

/** One piece of decoded text and the number of source bytes read when it was produced. */
export interface Utf8TextPiece {
  text: string;
  bytesRead: number;
}

/**
 * Read a byte stream as UTF-8 text, piece by piece (one piece per source chunk that yields text, then a
 * final piece, possibly empty, whose `bytesRead` is the file size). Locks the stream; cancels it when the
 * consumer stops early, on error or on abort. Throws DataInputError ('too-large', 'binary-file',
 * 'utf16', 'not-utf8') or the abort reason.
 */
export async function* readUtf8Text(
  source: ReadableStream<Uint8Array>,
  options: Utf8ReadOptions = {},
): AsyncGenerator<Utf8TextPiece, void, undefined> {
  const { maxBytes = Infinity, onProgress, signal } = options;
  signal?.throwIfAborted();
  const reader = source.getReader();
  const decoder = new Utf8ChunkDecoder();
  // Cancelling the reader settles a read that is waiting on a slow source, so abort is prompt.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      if (!ArrayBuffer.isView(chunk)) throw new TypeError('The file stream must produce Uint8Array chunks.');
      // Accept any byte view (a Uint8Array from another realm, a Buffer) without copying.
      const value = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      bytesRead += value.byteLength;
      if (bytesRead > maxBytes) {
        throw new DataInputError(
          'too-large',
          `This file is larger than the import limit of ${formatBytes(maxBytes)}. ` +
            'Import a smaller file, for example a sample of its rows.',
          { byteOffset: maxBytes },
        );
      }
      onProgress?.(bytesRead);
      const text = decoder.push(value);
      if (text.length > 0) yield { text, bytesRead };
    }
    const rest = decoder.end();
    finished = true;
    yield { text: rest, bytesRead };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** "512 MiB", "3.5 KiB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
