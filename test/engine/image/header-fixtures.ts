// Hand-built image headers for tests: just the bytes the header readers look at (no decodable pixels).
// Layouts follow the PNG, JPEG/JFIF/EXIF, GIF89a and WebP container specifications.

function u16be(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}
function u16le(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}
function u32be(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}
function u32le(v: number): number[] {
  return u32be(v).reverse();
}
function ascii(s: string): number[] {
  return Array.from(s, (ch) => ch.charCodeAt(0));
}

/** A PNG chunk with a dummy CRC (the readers do not check it). */
function pngChunk(type: string, data: number[]): number[] {
  return [...u32be(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
}

export function pngHeader(opts: { width: number; height: number; bitDepth?: number; colorType?: number; chunks?: string[] }): Uint8Array {
  const ihdr = [...u32be(opts.width), ...u32be(opts.height), opts.bitDepth ?? 8, opts.colorType ?? 2, 0, 0, 0];
  const rest = (opts.chunks ?? ['IDAT']).flatMap((type) => pngChunk(type, type === 'acTL' ? [0, 0, 0, 2, 0, 0, 0, 0] : [1, 2, 3]));
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...pngChunk('IHDR', ihdr), ...rest]);
}

/** TIFF data with IFD0 holding a dummy tag and the orientation tag, in either byte order. */
export function tiffWithOrientation(orientation: number, littleEndian: boolean): number[] {
  const u16 = littleEndian ? u16le : u16be;
  const u32 = littleEndian ? u32le : u32be;
  const entry = (tag: number, type: number, value: number[]) => [...u16(tag), ...u16(type), ...u32(1), ...value];
  return [
    ...ascii(littleEndian ? 'II' : 'MM'),
    ...u16(42),
    ...u32(8),
    ...u16(2),
    ...entry(0x010f, 2, [0x41, 0, 0, 0]), // Make = "A"
    ...entry(0x0112, 3, [...u16(orientation), 0, 0]),
    ...u32(0),
  ];
}

export function jpegHeader(opts: {
  width: number;
  height: number;
  components?: number;
  orientation?: number;
  littleEndian?: boolean;
  sofMarker?: number;
  /** Bytes of an APP2 segment inserted before the frame header (e.g. a large ICC profile). */
  filler?: number;
}): Uint8Array {
  const out = [0xff, 0xd8];
  out.push(0xff, 0xe0, ...u16be(16), ...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0);
  if (opts.orientation !== undefined) {
    const payload = [...ascii('Exif\0\0'), ...tiffWithOrientation(opts.orientation, opts.littleEndian ?? false)];
    out.push(0xff, 0xe1, ...u16be(payload.length + 2), ...payload);
  }
  if (opts.filler) out.push(0xff, 0xe2, ...u16be(opts.filler + 2), ...new Array<number>(opts.filler).fill(0));
  out.push(0xff, 0xdb, ...u16be(4), 0, 0); // a (dummy) quantization table segment
  const components = opts.components ?? 3;
  const sof = [8, ...u16be(opts.height), ...u16be(opts.width), components];
  for (let c = 0; c < components; c++) sof.push(c + 1, 0x11, 0);
  out.push(0xff, opts.sofMarker ?? 0xc0, ...u16be(sof.length + 2), ...sof);
  out.push(0xff, 0xda, ...u16be(2));
  return new Uint8Array(out);
}

export function gifBytes(opts: { width: number; height: number; frames: number; netscape?: boolean; version?: '87a' | '89a' }): Uint8Array {
  // Global colour table of 2 entries (packed size bits 0 -> 3 * 2^1 = 6 bytes).
  const out = [...ascii(`GIF${opts.version ?? '89a'}`), ...u16le(opts.width), ...u16le(opts.height), 0x80, 0, 0, 0, 0, 0, 255, 255, 255];
  if (opts.netscape) out.push(0x21, 0xff, 11, ...ascii('NETSCAPE2.0'), 3, 1, 0, 0, 0);
  for (let f = 0; f < opts.frames; f++) {
    out.push(0x21, 0xf9, 4, 0, 10, 0, 0, 0); // graphic control extension
    // Descriptor with a local colour table of 4 entries (12 bytes), then LZW data in two sub-blocks.
    out.push(0x2c, 0, 0, 0, 0, ...u16le(opts.width), ...u16le(opts.height), 0x81, ...new Array<number>(12).fill(7));
    out.push(2, 3, 0x2c, 0x3b, 0x21, 1, 0x2c, 0);
  }
  out.push(0x3b);
  return new Uint8Array(out);
}

function riff(chunks: number[]): Uint8Array {
  return new Uint8Array([...ascii('RIFF'), ...u32le(chunks.length + 4), ...ascii('WEBP'), ...chunks]);
}

export function webpVp8x(opts: { width: number; height: number; flags: number; exif?: { orientation: number; prefix?: boolean } }): Uint8Array {
  const w = opts.width - 1;
  const h = opts.height - 1;
  const chunks = [...ascii('VP8X'), ...u32le(10), opts.flags, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, (h >> 8) & 0xff, h >> 16];
  // An odd-sized chunk before EXIF checks the padding rule.
  chunks.push(...ascii('ICCP'), ...u32le(3), 1, 2, 3, 0);
  if (opts.exif) {
    const payload = [...(opts.exif.prefix ? ascii('Exif\0\0') : []), ...tiffWithOrientation(opts.exif.orientation, true)];
    chunks.push(...ascii('EXIF'), ...u32le(payload.length), ...payload);
  }
  return riff(chunks);
}

export function webpVp8(width: number, height: number): Uint8Array {
  const frame = [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width | 0x4000), ...u16le(height)];
  return riff([...ascii('VP8 '), ...u32le(frame.length), ...frame]);
}

export function webpVp8l(width: number, height: number, alpha: boolean): Uint8Array {
  const bits = ((width - 1) | ((height - 1) << 14) | ((alpha ? 1 : 0) << 28)) >>> 0;
  return riff([...ascii('VP8L'), ...u32le(5), 0x2f, ...u32le(bits), 0]);
}

export function textBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
