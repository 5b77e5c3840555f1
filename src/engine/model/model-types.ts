// Versioned, plain-JSON model specs. Later model kinds (CNN, RNN, Transformer) join this union.

/** Activation functions offered for hidden layers. */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'elu';

/** A multilayer perceptron over a flat feature vector. */
export interface MlpSpec {
  version: 1;
  kind: 'mlp';
  /** Number of encoded input features. */
  inputSize: number;
  /** Units in each hidden layer, input side first. Default [32, 16]. */
  hiddenLayers: number[];
  activation: Activation;
  /** Classification: number of classes (softmax output). Regression: 1 (linear output). */
  outputSize: number;
  task: 'classification' | 'regression';
}

/** Any stored model spec: version 1 (the first MLP) or version 2 (every kind, see model-spec.ts). */
export type AnyModelSpec = MlpSpec | import('./model-spec').ModelSpec;
