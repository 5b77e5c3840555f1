// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum zip stores for every entry.
// Table-driven and incremental so inflated data can be checked piece by piece as it streams.

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * Continue a CRC-32 over `bytes`. Start with `crc = 0` (the default); pass the previous result to
 * continue over the next piece. Returns an unsigned 32-bit value (e.g. 0xCBF43926 for "123456789").
 */
export function updateCrc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
