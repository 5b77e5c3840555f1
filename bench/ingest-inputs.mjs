// Seeded, deterministic inputs for the ingest benchmark: a large mixed-type CSV written in blocks,
// and a zip of small PNGs in one folder per class (own PNG encoder and zip writer over node:zlib).
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

/** mulberry32, the same generator as src/engine/random.ts (bench files do not import engine TS). */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa '
  + 'quebec romeo sierra tango uniform victor whiskey xray yankee zulu red green blue amber river stone cloud '
  + 'forest meadow harbour signal engine window garden silver copper marble winter summer').split(' ');
const CATEGORIES = [
  ['north', 'south', 'east', 'west'],
  ['small', 'medium', 'large'],
  Array.from({ length: 40 }, (_, i) => `store-${i}`),
  ['yes', 'no'],
];
export const CSV_NUMERIC_COLUMNS = 12;
export const CSV_COLUMNS = [
  ...Array.from({ length: CSV_NUMERIC_COLUMNS }, (_, i) => `x${i + 1}`),
  'region', 'size', 'store', 'label', 'note',
];

/** One CSV row: 12 numbers (ints, 1-4 decimals, ~1% empty), 4 categories, a 3-8 word note (no commas or quotes). */
function csvRow(random) {
  const cells = [];
  for (let c = 0; c < CSV_NUMERIC_COLUMNS; c++) {
    const r = random();
    if (r < 0.01) cells.push('');
    else if (c % 3 === 0) cells.push(String(Math.floor(r * 10_000)));
    else cells.push(((r - 0.3) * 1000 * (c + 1)).toFixed(1 + (c % 4)));
  }
  for (const values of CATEGORIES) cells.push(values[Math.floor(random() * values.length)]);
  const words = 3 + Math.floor(random() * 6);
  const note = [];
  for (let w = 0; w < words; w++) note.push(WORDS[Math.floor(random() * WORDS.length)]);
  cells.push(note.join(' '));
  return cells.join(',');
}

/**
 * `count` parsed rows (string cells, CSV_COLUMNS order) where every 10th row repeats an earlier row
 * exactly and every 50th repeats an earlier row's features with the other label (a conflict).
 */
export function generateRows(count, seed = 3) {
  const random = createRandom(seed);
  const label = CSV_COLUMNS.indexOf('label');
  const rows = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % 10 === 0) rows.push([...rows[Math.floor(random() * i)]]);
    else if (i > 0 && i % 50 === 5) {
      const copy = [...rows[Math.floor(random() * i)]];
      copy[label] = copy[label] === 'yes' ? 'no' : 'yes';
      rows.push(copy);
    } else rows.push(csvRow(random).split(','));
  }
  return rows;
}

/**
 * Writes a CSV of whole rows until it holds at least `targetBytes` bytes (ASCII, '\n' line ends) to
 * `path`. Same seed and size give the same file. Returns { bytes, rows, columns }.
 */
export function writeCsv(path, targetBytes, seed = 1) {
  const random = createRandom(seed);
  const fd = openSync(path, 'w');
  let bytes = 0;
  let rows = 0;
  try {
    let block = `${CSV_COLUMNS.join(',')}\n`;
    while (bytes + block.length < targetBytes) {
      const lines = [];
      for (let i = 0; i < 5000; i++) lines.push(csvRow(random));
      rows += lines.length;
      block += `${lines.join('\n')}\n`;
      writeSync(fd, block);
      bytes += block.length;
      block = '';
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, rows, columns: CSV_COLUMNS.length };
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGB, no interlace, filter 0 on every scanline) of `rgb` (width·height·3 bytes). */
export function encodePng(rgb, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A class-coloured gradient with a bright disc and pixel noise, so classes differ and PNGs do not compress to nothing. */
function drawImage(random, classIndex, side) {
  const rgb = new Uint8Array(side * side * 3);
  const hue = [(classIndex * 97) % 256, (classIndex * 53 + 80) % 256, (classIndex * 29 + 160) % 256];
  const cx = random() * side;
  const cy = random() * side;
  const radius = side * (0.15 + random() * 0.2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < radius * radius;
      for (let k = 0; k < 3; k++) {
        const base = inDisc ? 255 - hue[k] / 2 : hue[k] * (0.5 + (x + y) / (4 * side));
        rgb[(y * side + x) * 3 + k] = Math.max(0, Math.min(255, base + (random() - 0.5) * 24));
      }
    }
  }
  return rgb;
}

/** Zip bytes (deflated entries, no folder entries, no ZIP64) of `entries` = [{ name, data: Buffer }]. */
export function buildZip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data) >>> 0;
    // Fields shared by the local header (from offset 4) and the central record (from offset 6).
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt16LE(0x0800, 2); // UTF-8 names
    common.writeUInt16LE(8, 4); // deflate
    common.writeUInt32BE(0, 6); // DOS time and date 0: deterministic
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(packed.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(nameBytes.length, 22);
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, nameBytes, packed]);
    const tail = Buffer.alloc(14); // comment length, disk, internal and external attributes, offset
    tail.writeUInt32LE(offset, 10);
    central.push(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02, 20, 0]), common, tail, nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The bytes of a zip of `count` PNGs of `side`×`side` pixels, round-robin over `classes` folders at
 * the zip root (class-0/img-00000.png …). Deterministic for a seed.
 */
export function buildImageZip(count, side, classes = 10, seed = 2) {
  const random = createRandom(seed);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    entries.push({ name: `class-${label}/img-${String(i).padStart(5, '0')}.png`, data: encodePng(drawImage(random, label, side), side, side) });
  }
  return buildZip(entries);
}
