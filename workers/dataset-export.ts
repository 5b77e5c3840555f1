// Exports a stored table as a CSV Blob (formula-looking cells defused), read chunk by chunk.
import type { IDBPDatabase } from 'idb';
import { csvLine, csvLines } from '../src/engine/data/csv-export';
import type { AppDB } from '../src/engine/storage/db';
import { getCompleteDataset, readDatasetChunks } from '../src/engine/storage/datasets-repo';

/** The dataset's rows as a UTF-8 CSV Blob with a header line. Refuses a text corpus (it has no rows). */
export async function exportDatasetCsv(db: IDBPDatabase<AppDB>, datasetId: string): Promise<Blob> {
  const dataset = await getCompleteDataset(db, datasetId);
  if (dataset.kind === 'corpus' || !dataset.layout) throw new Error('A text corpus has no table to export.');
  const parts: string[] = [...csvLines(dataset.layout.columns, [])];
  for await (const chunk of readDatasetChunks(db, datasetId)) {
    // One string per chunk keeps the part list short for large tables.
    parts.push(chunk.rows.map((row) => `${csvLine(row)}\r\n`).join(''));
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
