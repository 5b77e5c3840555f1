// A small synthetic table shared by the worker tests that train on it.

/** Two separable blobs: label yes at (4, -3, red), no at (0, 0, blue); `price` is a regression target. */
export function blobsCsv(rows: number): string {
  const lines = ['a,b,colour,price,label'];
  for (let i = 0; i < rows; i += 1) {
    const k = i % 2;
    const jitter = ((i * 37) % 11) / 11 - 0.5;
    lines.push(`${(k * 4 + jitter).toFixed(3)},${(k * -3 + jitter).toFixed(3)},${k ? 'red' : 'blue'},${(10 + k * 5 + jitter).toFixed(2)},${k ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}
