import { expect, test } from '@playwright/test';

test('the app starts a simulated cluster in a Web Worker and shows its nodes', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kubesim' })).toBeVisible();
  const nodes = page.getByRole('list', { name: 'Nodes' });
  await expect(nodes).toBeVisible({ timeout: 20_000 });
  await expect(nodes.getByRole('listitem')).toHaveCount(4);
  await expect(nodes).toContainText('control-plane (control plane) — Ready');
  await expect(nodes).toContainText('node-3');
  await page.screenshot({ path: 'test-results/app-start.png' });
});
