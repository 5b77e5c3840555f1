// Issue 4's correctness on WebGPU: at start-up every model kind's gradients (MLP, CNN, GRU with padding
// masks, Transformer, GPT) on the WebGPU backend are compared with the CPU backend's. Kinds within 1e-3 train
// on WebGPU; a recurrent model that disagrees is moved to WebGL, and the header says so.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('WebGPU gradients of every model kind are checked against the CPU; a disagreeing recurrent model moves to WebGL', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  const rows = page.getByTestId('gradient-check').locator('li');
  await expect(rows).toHaveCount(5);
  const checks = await rows.evaluateAll((items) => items.map((li) => [li.getAttribute('data-model'), Number(li.getAttribute('data-error'))] as const));
  expect(checks.map(([model]) => model)).toEqual(['MLP', 'CNN', 'GRU', 'Transformer', 'GPT']);
  const disagreeing = checks.filter(([, error]) => !(error <= 1e-3)).map(([model]) => model);
  console.log(`gradient check: ${checks.map(([model, error]) => `${model} ${error.toExponential(1)}`).join(', ')}`);
  // Only a recurrent model may disagree (SwiftShader's masked GRU does); it is then routed to WebGL.
  expect(disagreeing.filter((model) => model !== 'GRU')).toEqual([]);
  if (disagreeing.length > 0) await expect(page.getByTestId('backend')).toContainText('recurrent models train on WebGL');
});
