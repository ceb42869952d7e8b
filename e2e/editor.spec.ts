import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The editor panel, and the Monaco line holding `text`. */
function editor(page: Page) {
  const panel = page.getByRole('region', { name: 'Manifest editor' });
  return {
    panel,
    monaco: panel.locator('.monaco-editor'),
    line: (text: string) => panel.locator('.view-line').filter({ hasText: text }),
    status: panel.getByRole('status', { name: 'Apply output' }),
    alert: panel.getByRole('alert', { name: 'Apply errors' }),
  };
}

/** Puts the cursor at the end of the line holding `text`. */
async function endOf(page: Page, line: Locator) {
  await line.click();
  await page.keyboard.press('End');
}

/** Hovers the first squiggle of `severity` on the line at `top` and returns the hover's text. */
async function hoverSquiggle(page: Page, panel: Locator, line: Locator, severity: 'error' | 'warning') {
  const lineBox = (await line.boundingBox())!;
  const squiggles = panel.locator(`.squiggly-${severity}`);
  await expect(squiggles.first()).toBeVisible({ timeout: 15_000 });
  let target: { x: number; y: number; width: number; height: number } | undefined;
  for (const s of await squiggles.all()) {
    const b = await s.boundingBox();
    if (b && Math.abs(b.y - lineBox.y) < lineBox.height / 2) target = b;
  }
  expect(target, `a ${severity} squiggle on the line at y=${lineBox.y}`).toBeDefined();
  await page.mouse.move(target!.x + Math.min(8, target!.width / 2), target!.y + target!.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await expect(hover).toBeVisible();
  const text = await hover.innerText();
  await page.mouse.move(0, 0);
  return text;
}

test('the manifest editor validates against the Kubernetes schema, applies, shows errors at their line and keeps its tabs', async ({
  page,
}) => {
  const externalRequests: string[] = [];
  page.on('request', (r) => {
    if (
      !r.url().startsWith('http://127.0.0.1') &&
      !r.url().startsWith('blob:') &&
      !r.url().startsWith('data:')
    )
      externalRequests.push(r.url());
  });
  await page.goto('/');
  const ed = editor(page);

  // (1) Monaco loads (lazily, with the schema): an unknown field is flagged, a field is documented.
  await expect(ed.monaco).toBeVisible({ timeout: 30_000 });
  await expect(ed.panel.getByRole('tab', { name: 'deployment.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(ed.line('replicas: 3')).toBeVisible();
  await endOf(page, ed.line('replicas: 3'));
  await page.keyboard.press('Home');
  for (let i = 0; i < 'replicas'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('s');
  await page.keyboard.press('Escape');
  const unknown = await hoverSquiggle(page, ed.panel, ed.line('replicass: 3'), 'warning');
  expect(unknown).toContain('Property replicass is not allowed');
  await page.screenshot({ path: 'test-results/editor-schema.png' });
  await endOf(page, ed.line('replicass: 3'));
  await page.keyboard.press('Home');
  for (let i = 0; i < 'replicass'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Backspace');
  await expect(ed.line('replicas: 3')).toBeVisible();
  await ed.line('image: nginx:1.27').locator('span', { hasText: 'image' }).first().hover();
  await expect(page.locator('.monaco-hover:not(.hidden)').first()).toContainText('Container image name');
  await page.mouse.move(0, 0);

  // (2) Apply (the button) creates the Deployment.
  await ed.panel.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(ed.status).toContainText('deployment.apps/web created', { timeout: 20_000 });
  await expect(ed.alert).toBeEmpty();
  await page.screenshot({ path: 'test-results/editor-applied.png' });

  // (3) Invalid YAML (Ctrl+Enter): nothing applied, the error listed and marked at its line (8).
  await endOf(page, ed.line('replicas: 3'));
  await page.keyboard.type(' x: y');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await expect(ed.alert).toContainText('Not applied', { timeout: 20_000 });
  await expect(ed.alert.getByRole('button', { name: 'Line 8' })).toBeVisible();
  await expect(ed.alert).toContainText('yaml: line 8');
  await expect(ed.status).not.toContainText('deployment.apps/web');
  const marker = await hoverSquiggle(page, ed.panel, ed.line('replicas: 3 x: y'), 'error');
  expect(marker).toContain('yaml: line 8');
  expect(marker).toContain('kubectl apply');
  await page.screenshot({ path: 'test-results/editor-error.png' });
  // Accessible with errors shown (axe over the panel, Monaco included).
  const axe = await new AxeBuilder({ page }).include('.ks-editor').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual(
    [],
  );
  // The error's button takes the cursor to its line.
  await ed.alert.getByRole('button', { name: 'Line 8' }).click();
  await expect(ed.panel.locator('.line-numbers.active-line-number')).toHaveText('8');
  // Back to the applied text: the cluster has nothing to change, so nothing was applied before.
  await endOf(page, ed.line('replicas: 3 x: y'));
  for (let i = 0; i < ' x: y'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+Enter');
  await expect(ed.status).toContainText('deployment.apps/web unchanged', { timeout: 20_000 });
  await expect(ed.alert).toBeEmpty();

  // (4) Several manifests, kept across a reload.
  await ed.panel.getByRole('button', { name: 'New manifest', exact: true }).click();
  await expect(ed.panel.getByRole('tab', { name: 'manifest-1.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(ed.line('kind: Pod')).toBeVisible();
  await page.reload();
  await expect(ed.monaco).toBeVisible({ timeout: 30_000 });
  const tabs = ed.panel.getByRole('tablist', { name: 'Open manifests' }).getByRole('tab');
  await expect(tabs).toHaveText(['deployment.yaml', 'manifest-1.yaml'].map((t) => new RegExp(t)));
  await expect(ed.panel.getByRole('tab', { name: 'manifest-1.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // Keyboard: arrows move between tabs and show them; the Close button names the tab it closes.
  await ed.panel.getByRole('tab', { name: 'manifest-1.yaml' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(ed.panel.getByRole('tab', { name: 'deployment.yaml' })).toBeFocused();
  await expect(ed.panel.getByRole('tab', { name: 'deployment.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(ed.line('kind: Deployment')).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-tabs.png' });
  await ed.panel.getByRole('tab', { name: 'manifest-1.yaml' }).click();
  await ed.panel.getByRole('button', { name: 'Close manifest-1.yaml' }).click();
  await expect(tabs).toHaveCount(1);
  await expect(ed.panel.getByRole('tab', { name: 'deployment.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  expect(externalRequests, 'everything is bundled: no CDN').toEqual([]);
});

test('the editor follows the theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const ed = editor(page);
  await expect(ed.monaco).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect(ed.monaco).toHaveClass(/vs-dark/);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await expect(ed.monaco).not.toHaveClass(/vs-dark/);
});
