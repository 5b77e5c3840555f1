// Per-layer summary rows of the attention kinds (Transformer encoder, GPT), mirroring the tfjs layers that
// transformer-classifier.ts / gpt-model.ts build, with matrix-product FLOPs and the values each layer keeps for backward.
import type { LayerSummary } from './model-summary';
import type { AttentionModelSpec } from './transformer-spec';

/** One step inside an attention layer, for the diagram: its forward FLOPs and the values per sample it keeps. */
export interface LayerPart {
  name: string;
  flops: number;
  activations: number;
}

/**
 * The positions one sample has: GPT sequences are summarized at their full context length (training uses it);
 * the classifier has its sequence length plus the prepended CLS position when pooling is 'cls'.
 */
export function positionsOf(spec: AttentionModelSpec): number {
  return spec.kind === 'gpt' ? spec.contextLength : spec.sequenceLength + (spec.pooling === 'cls' ? 1 : 0);
}

/**
 * The steps of one multi-head self-attention layer over t positions of width d with h heads (attention-layer.ts),
 * FLOPs = 2 × multiply-adds: Q, K, V projections 3·t·d², scores Q Kᵀ t²·d (t·t per head times d/h, summed over
 * heads), probabilities × V t²·d, output projection t·d². The softmax (and scaling, masking, bias adds) count no FLOPs
 * by the summary's convention. Kept for backward per sample: Q, K, V (3·t·d), the raw scores and the softmax
 * probabilities (2·h·t², the matrices the scale and AV products keep) and the concatenated heads (t·d); a causal
 * model still computes the full t×t matrices (the mask adds −1e9 above the diagonal).
 */
export function attentionParts(t: number, d: number, heads: number): LayerPart[] {
  return [
    { name: 'Q, K, V projections', flops: 2 * 3 * t * d * d, activations: 3 * t * d },
    { name: 'scores Q Kᵀ', flops: 2 * t * t * d, activations: heads * t * t },
    { name: 'softmax', flops: 0, activations: heads * t * t },
    { name: 'probabilities × V', flops: 2 * t * t * d, activations: t * d },
    { name: 'output projection', flops: 2 * t * d * d, activations: 0 },
  ];
}

type Row = Omit<LayerSummary, 'trainableParameters'> & { parts?: LayerPart[] };

/** Adds rows in build order; each row's input is the previous row unless named. */
class RowList {
  readonly rows: LayerSummary[] = [];

  add(row: Omit<Row, 'inputs'>, inputs: string[] = [this.last]): string {
    // Every weight of the attention kinds is trainable (no batch-norm statistics).
    this.rows.push({ ...row, inputs, trainableParameters: row.parameters });
    return row.name;
  }

  get last(): string {
    return this.rows[this.rows.length - 1].name;
  }
}

/**
 * LayerNorm over t × d: output plus the centered values and the normalized values (kept by the γ and square
 * products) and the per-position reciprocal standard deviations (transformer-norm.ts).
 */
function addLayerNorm(list: RowList, name: string, t: number, d: number, input?: string): string {
  return list.add({ name, kind: 'layerNorm', outputShape: [t, d], parameters: 2 * d, flops: 0, activations: t * d + 2 * t * d + 2 * t }, input ? [input] : undefined);
}

/** Dropout keeps its output and, when active, its scaled keep-mask (same size) for backward. */
function addDropout(list: RowList, name: string, rate: number, shape: number[]): string {
  const size = shape.reduce((a, b) => a * b, 1);
  return list.add({ name, kind: 'dropout', outputShape: shape, parameters: 0, flops: 0, activations: rate > 0 ? 2 * size : size });
}

/**
 * One pre-LN block (transformer-block.ts). The GELU hidden layer keeps its pre-activation and three intermediate
 * tensors of the erf-based GELU besides its output (tfjs composes GELU from x/√2, erf, 1 + erf and 0.5·(…) products).
 */
function addBlock(list: RowList, name: string, spec: AttentionModelSpec, t: number, keyMask: string | null): void {
  const { embedDim: d, heads, mlpDim: m, dropout } = spec;
  const start = list.last;
  const normed = addLayerNorm(list, `${name}_norm1`, t, d);
  const parts = attentionParts(t, d, heads);
  const sum = (pick: (p: LayerPart) => number) => parts.reduce((s, p) => s + pick(p), 0);
  list.add({ name: `${name}_attention`, kind: 'attention', outputShape: [t, d], parameters: 4 * (d * d + d), flops: sum((p) => p.flops), activations: t * d + sum((p) => p.activations), parts },
    keyMask ? [normed, keyMask] : [normed]);
  addDropout(list, `${name}_dropout1`, dropout, [t, d]);
  const mid = list.add({ name: `${name}_residual1`, kind: 'add', outputShape: [t, d], parameters: 0, flops: 0, activations: t * d }, [start, list.last]);
  addLayerNorm(list, `${name}_norm2`, t, d);
  list.add({ name: `${name}_mlp_hidden`, kind: 'dense', outputShape: [t, m], parameters: d * m + m, flops: 2 * t * d * m, activations: 5 * t * m });
  list.add({ name: `${name}_mlp_output`, kind: 'dense', outputShape: [t, d], parameters: m * d + d, flops: 2 * t * m * d, activations: t * d });
  addDropout(list, `${name}_dropout2`, dropout, [t, d]);
  list.add({ name: `${name}_residual2`, kind: 'add', outputShape: [t, d], parameters: 0, flops: 0, activations: t * d }, [mid, list.last]);
}

/**
 * Summary rows of an attention model, one per tfjs layer and named like it, in build order (`validateAttentionSpec`
 * first is the caller's job). A tied GPT gets an extra 'lm_head' row with 0 parameters: the token embedding applied
 * a second time (its matrix is counted once, at 'token_embedding'). The GPT head also keeps the loss's
 * log-probabilities and one-hot targets (2·t·V per sample), which dominate at a large vocabulary.
 */
export function summarizeAttentionLayers(spec: AttentionModelSpec): LayerSummary[] {
  const list = new RowList();
  const d = spec.embedDim;
  const t = positionsOf(spec);
  const gpt = spec.kind === 'gpt';
  const tokens = gpt ? t : spec.sequenceLength;
  const ids = list.add({ name: 'token_ids', kind: 'input', outputShape: [tokens], parameters: 0, flops: 0, activations: tokens }, []);
  const keyMask = gpt ? null : list.add({ name: 'padding_mask', kind: 'paddingMask', outputShape: [t], parameters: 0, flops: 0, activations: t }, [ids]);
  list.add({ name: 'token_embedding', kind: 'embedding', outputShape: [tokens, d], parameters: spec.vocabSize * d, flops: 0, activations: tokens * d }, [ids]);
  if (!gpt && spec.pooling === 'cls') list.add({ name: 'cls_token', kind: 'clsToken', outputShape: [t, d], parameters: d, flops: 0, activations: t * d });
  list.add({ name: 'position_embedding', kind: 'positionEmbedding', outputShape: [t, d], parameters: t * d, flops: 0, activations: t * d });
  addDropout(list, 'embedding_dropout', spec.dropout, [t, d]);
  for (let i = 1; i <= spec.layers; i++) addBlock(list, `block${i}`, spec, t, keyMask);
  const final = addLayerNorm(list, 'final_norm', t, d);
  if (gpt) {
    const v = spec.vocabSize;
    const head = { outputShape: [t, v], flops: 2 * t * d * v, activations: t * v + 2 * t * v };
    if (spec.tieWeights) list.add({ name: 'lm_head', kind: 'tiedOutput', parameters: 0, ...head });
    else list.add({ name: 'lm_head', kind: 'dense', parameters: d * v + v, ...head });
  } else {
    const pooled = spec.pooling === 'cls'
      ? list.add({ name: 'cls_pool', kind: 'sequencePool', outputShape: [d], parameters: 0, flops: 0, activations: d })
      : list.add({ name: 'mean_pool', kind: 'sequencePool', outputShape: [d], parameters: 0, flops: 0, activations: d }, [final, keyMask as string]);
    list.add({ name: 'head', kind: 'dense', outputShape: [spec.outputSize], parameters: d * spec.outputSize + spec.outputSize, flops: 2 * d * spec.outputSize, activations: spec.outputSize }, [pooled]);
  }
  return list.rows;
}
