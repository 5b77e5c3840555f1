// Which tabs the dataset view offers for a dataset, by its kind and columns.
import type { DatasetRecord } from '../../engine/storage/records';

export type DatasetTab = 'overview' | 'quality' | 'clean' | 'tokenize' | 'augment';

/** Tabs in display order; only those that apply to this dataset. */
export function datasetTabs(dataset: DatasetRecord): { id: DatasetTab; label: string }[] {
  if (dataset.status !== 'complete') return [{ id: 'overview', label: 'Overview' }];
  const kind = dataset.kind ?? 'table';
  const hasText = kind === 'corpus' || (dataset.summaries ?? []).some((s) => s.type === 'text');
  const tabs: { id: DatasetTab; label: string }[] = [{ id: 'overview', label: 'Overview' }, { id: 'quality', label: 'Quality' }];
  if (kind === 'table') tabs.push({ id: 'clean', label: 'Clean' });
  if (hasText) tabs.push({ id: 'tokenize', label: 'Tokenize' });
  if (kind !== 'corpus') tabs.push({ id: 'augment', label: 'Augment' });
  return tabs;
}
