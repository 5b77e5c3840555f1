// Streaming detection of exact duplicate rows and of label conflicts (identical features, different
// target) by 53-bit row hashes. Memory: a few Map entries per distinct row, up to maxHashedRows rows.
import { isMissingCell } from '../data/missing-cells';
import { addCellToHash, hashPairKey, startHashPair } from './string-hash';
import type { DuplicateReport, LabelConflictReport, ResolvedQualityOptions, RowGroup } from './quality-types';

// Map values: >= 0 is the first row (or a slot) of a key seen once / without conflict so far;
// UNLISTED marks a group counted but not listed (beyond maxGroups); <= -2 is -(listed group index) - 2.
const UNLISTED = -1;

interface ConflictGroup {
  count: number;
  labels: (RowGroup & { label: string })[];
}

/**
 * Hashes whole rows. Duplicates: features compared raw, the target cell trimmed (as classes are).
 * Conflicts: rows with a missing target are left out. A false match needs two 53-bit keys to collide
 * (see hashPairKey), so candidate matches are not re-checked cell by cell; the risk is documented there.
 */
export class RowGroupTracker {
  private rowsChecked = 0;
  private readonly firstByRow = new Map<number, number>();
  private duplicateRows = 0;
  private duplicateGroupCount = 0;
  private readonly duplicateGroups: RowGroup[] = [];
  // Feature key -> slot (first row, its label, rows so far with that label) or a conflict group.
  private readonly slotByFeatures = new Map<number, number>();
  private readonly slotRow: number[] = [];
  private readonly slotLabel: string[] = [];
  private readonly slotCount: number[] = [];
  /** Interned labels, so slots do not keep every row's cell string alive. */
  private readonly labels = new Map<string, string>();
  private conflictingRows = 0;
  private conflictGroupCount = 0;
  private readonly conflictGroups: ConflictGroup[] = [];

  constructor(
    private readonly targetIndex: number,
    private readonly columnCount: number,
    private readonly options: ResolvedQualityOptions,
  ) {}

  /** Counts one row with 0-based index `row`. Rows past maxHashedRows are ignored. */
  add(cells: readonly string[], row: number): void {
    if (this.rowsChecked >= this.options.maxHashedRows) return;
    this.rowsChecked++;
    const state = startHashPair();
    for (let c = 0; c < this.columnCount; c++) if (c !== this.targetIndex) addCellToHash(state, cells[c] ?? '');
    if (this.targetIndex < 0) {
      this.addDuplicate(hashPairKey(state), row);
      return;
    }
    const featureKey = hashPairKey(state);
    const label = (cells[this.targetIndex] ?? '').trim();
    addCellToHash(state, label);
    this.addDuplicate(hashPairKey(state), row);
    if (!isMissingCell(label)) this.addLabel(featureKey, this.intern(label), row);
  }

  private intern(label: string): string {
    const known = this.labels.get(label);
    if (known !== undefined) return known;
    if (this.labels.size < this.options.maxDistinct) this.labels.set(label, label);
    return label;
  }

  private addDuplicate(key: number, row: number): void {
    const v = this.firstByRow.get(key);
    if (v === undefined) {
      this.firstByRow.set(key, row);
      return;
    }
    this.duplicateRows++;
    if (v >= 0) {
      this.duplicateGroupCount++;
      const listed = this.duplicateGroups.length < this.options.maxGroups;
      if (listed) this.duplicateGroups.push(this.newGroup(v, row));
      this.firstByRow.set(key, listed ? -this.duplicateGroups.length - 1 : UNLISTED);
    } else if (v !== UNLISTED) {
      this.addToGroup(this.duplicateGroups[-v - 2], row);
    }
  }

  private addLabel(key: number, label: string, row: number): void {
    const v = this.slotByFeatures.get(key);
    if (v === undefined) {
      this.slotByFeatures.set(key, this.slotRow.length);
      this.slotRow.push(row);
      this.slotLabel.push(label);
      this.slotCount.push(1);
    } else if (v >= 0) {
      if (this.slotLabel[v] === label) {
        this.slotCount[v]++;
        return;
      }
      // First conflict for these features: every earlier row had the slot's label.
      this.conflictGroupCount++;
      this.conflictingRows += this.slotCount[v] + 1;
      const listed = this.conflictGroups.length < this.options.maxGroups;
      if (listed) {
        this.conflictGroups.push({
          count: this.slotCount[v] + 1,
          labels: [
            { label: this.slotLabel[v], count: this.slotCount[v], rows: [this.slotRow[v]] },
            { label, count: 1, rows: [row] },
          ],
        });
      }
      this.slotByFeatures.set(key, listed ? -this.conflictGroups.length - 1 : UNLISTED);
    } else {
      this.conflictingRows++;
      if (v === UNLISTED) return;
      const group = this.conflictGroups[-v - 2];
      group.count++;
      const entry = group.labels.find((l) => l.label === label);
      if (entry) this.addToGroup(entry, row);
      else group.labels.push({ label, count: 1, rows: [row] });
    }
  }

  private newGroup(first: number, row: number): RowGroup {
    return { count: 2, rows: [first, row].slice(0, this.options.maxRowsPerGroup) };
  }

  private addToGroup(group: RowGroup, row: number): void {
    group.count++;
    if (group.rows.length < this.options.maxRowsPerGroup) group.rows.push(row);
  }

  /** Copies of the findings so far. */
  duplicates(): DuplicateReport {
    return {
      duplicateRows: this.duplicateRows,
      groupCount: this.duplicateGroupCount,
      groups: structuredClone(this.duplicateGroups),
      rowsChecked: this.rowsChecked,
    };
  }

  conflicts(): LabelConflictReport {
    return {
      conflictingRows: this.conflictingRows,
      groupCount: this.conflictGroupCount,
      groups: structuredClone(this.conflictGroups),
      rowsChecked: this.rowsChecked,
    };
  }
}
