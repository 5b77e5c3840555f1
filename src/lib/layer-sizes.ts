// Parses the "hidden layers" text box ("32, 16") into sizes, with a message for bad input.

export type LayerSizes = { ok: true; sizes: number[] } | { ok: false; message: string };

/** "64, 32" -> [64, 32]; empty text -> [] (a linear model). Each size must be a whole number 1..4096. */
export function parseLayerSizes(text: string): LayerSizes {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const sizes = parts.map(Number);
  const bad = parts.find((p, i) => !Number.isInteger(sizes[i]) || sizes[i] < 1 || sizes[i] > 4096);
  if (bad !== undefined) return { ok: false, message: `“${bad}” is not a layer size: use whole numbers from 1 to 4096.` };
  if (sizes.length > 8) return { ok: false, message: 'At most 8 hidden layers.' };
  return { ok: true, sizes };
}
