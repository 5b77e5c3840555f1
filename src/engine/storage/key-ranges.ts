// Key ranges that select every record of one parent in the compound-key stores
// (datasetChunks: [datasetId, index], checkpointShards: [checkpointId, index]).

/** Every key [parentId, n] for any number n, in index order. */
export function childRange(parentId: string): IDBKeyRange {
  return IDBKeyRange.bound([parentId, -Infinity], [parentId, Infinity]);
}
