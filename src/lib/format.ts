// Small display formatters shared by components.
import type { DatasetRecord } from '../engine/storage/records';

/** 1234567 -> "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Milliseconds -> "1 min 05 s" / "12 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A number for a table cell: up to 4 significant digits, '—' when absent. */
export function formatNumber(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4);
}

/** 0.9731 -> "97.3%". */
export function formatPercent(value: number | undefined): string {
  return value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** One line about a stored dataset: "150 rows · 5 columns", "1,797 images · 10 classes", "400 K characters". */
export function describeDataset(d: DatasetRecord): string {
  const kind = d.kind ?? 'table';
  if (kind === 'corpus') return `${(d.corpus?.characters ?? 0).toLocaleString('en')} characters · ${(d.corpus?.lines ?? 0).toLocaleString('en')} lines of text`;
  if (kind === 'images') {
    const classes = d.summaries?.find((s) => s.name === 'label')?.distinct ?? 0;
    return `${d.rowCount.toLocaleString('en')} images · ${classes} classes · ${d.imageShape?.width}×${d.imageShape?.height}`;
  }
  return `${d.rowCount.toLocaleString('en')} rows · ${d.layout?.columns.length ?? 0} columns`;
}
