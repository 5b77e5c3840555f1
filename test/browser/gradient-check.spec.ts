// Issue 4's correctness on WebGPU: at start-up every model kind's gradients (MLP, CNN, GRU, Transformer,
// GPT) on the WebGPU backend match the CPU backend's within 1e-3, and the app then trains on WebGPU.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('WebGPU gradients of every model kind match the CPU backend', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  const rows = page.getByTestId('gradient-check').locator('li');
  await expect(rows).toHaveCount(5);
  const checks = await rows.evaluateAll((items) => items.map((li) => [li.getAttribute('data-model'), Number(li.getAttribute('data-error'))] as const));
  expect(checks.map(([model]) => model)).toEqual(['MLP', 'CNN', 'GRU', 'Transformer', 'GPT']);
  for (const [model, error] of checks) expect([model, error <= 1e-3]).toEqual([model, true]);
});
