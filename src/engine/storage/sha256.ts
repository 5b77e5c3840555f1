// SHA-256 of checkpoint shards via WebCrypto (available in workers and Node 20+).

/** Lowercase hex SHA-256 of `bytes`. Async; never call it inside an IndexedDB transaction. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
