// The bundled sample datasets listed in public/samples/samples.json.

/** One bundled sample, as described in samples.json. */
export interface SampleDataset {
  id: string;
  file: string;
  title: string;
  description: string;
  licence: string;
  source?: string;
  /** What it becomes once imported; the file's extension decides how it is read. */
  kind?: 'table' | 'images' | 'text' | 'corpus';
  /** The column to predict, preselected after import. */
  target?: string;
  task?: 'classification' | 'regression' | 'language-model';
}

/** Absolute URL of a sample file (workers resolve URLs against their own script, so pass absolute ones). */
export function sampleUrl(sample: SampleDataset): string {
  return new URL(`samples/${sample.file}`, document.baseURI).href;
}

/** Read the sample list; an empty list when it cannot be loaded (the app still works with own files). */
export async function loadSampleList(): Promise<SampleDataset[]> {
  try {
    const response = await fetch(new URL('samples/samples.json', document.baseURI));
    return response.ok ? ((await response.json()) as SampleDataset[]) : [];
  } catch {
    return [];
  }
}
