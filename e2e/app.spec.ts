import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

/** The app as a learner uses it: the terminal, the editor, the diagram and the clock. */
class App {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.node('node-1')).toBeVisible({ timeout: 20_000 });
  }

  node(name: string) {
    return this.page.locator(`[aria-label^="Node ${name}:"]`);
  }
  pods(prefix: string) {
    return this.page.locator(`[aria-label^="Pod ${prefix}"]`);
  }
  get terminal() {
    return this.page.getByRole('log', { name: 'Terminal output' });
  }
  get clock() {
    return this.page.getByRole('timer', { name: 'Simulated time' });
  }

  /** Types a line in the terminal and waits for its prompt to come back. */
  async run(line: string): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Terminal' }).click();
    const input = this.page.getByRole('textbox', { name: 'kubectl command' });
    await input.fill(line);
    await input.press('Enter');
    await expect(this.terminal).toContainText(`$ ${line}`);
  }

  async clockText(): Promise<string> {
    return (await this.clock.locator('time').textContent()) ?? '';
  }
}

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('the app loads with a running default cluster', async ({ page }) => {
  const app = new App(page);
  await app.open();
  for (const n of ['node-1', 'node-2', 'node-3']) await expect(app.node(n)).toHaveAttribute('aria-label', new RegExp(`^Node ${n}: Ready`));
  // The clock runs by itself.
  const t0 = await app.clockText();
  await expect.poll(() => app.clockText(), { timeout: 10_000 }).not.toBe(t0);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.screenshot({ path: 'test-results/app-loaded.png' });
});

test('a Deployment applied from the editor appears in the diagram, its pods turn Running, and kubectl lists them', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'deployment.apps/web created' })).toBeVisible({ timeout: 20_000 });
  await expect(app.pods('web-')).toHaveCount(3);
  await expect(app.pods('web-').filter({ hasNot: page.locator('never') })).toHaveCount(3);
  await expect.poll(async () => (await app.pods('web-').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).every((l) => /: Running/.test(l)), { timeout: 30_000 }).toBe(true);
  await page.screenshot({ path: 'test-results/app-deployment-running.png' });
  await app.run('kubectl get pods');
  await expect(app.terminal).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect(app.terminal).toContainText(/web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/);
});

test('scaling from the terminal updates the diagram, and a deleted pod is replaced', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await expect(app.pods('web-')).toHaveCount(2);
  await app.run('kubectl scale deployment web --replicas=5');
  await expect(app.terminal).toContainText('deployment.apps/web scaled');
  await expect(app.pods('web-')).toHaveCount(5);
  await app.run('sleep 20s');
  const before = await app.pods('web-').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').split(':')[0]!.replace('Pod ', '')));
  const victim = before[0]!;
  await app.run(`kubectl delete pod ${victim} --wait=false`);
  // The ReplicaSet controller sees 4 of 5 and creates a replacement with a new name.
  await expect.poll(async () => {
    const names = await app.pods('web-').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').split(':')[0]!.replace('Pod ', '')));
    return names.filter((n) => !before.includes(n)).length;
  }, { timeout: 20_000 }).toBe(1);
  await page.screenshot({ path: 'test-results/app-replaced.png' });
});

test('pausing stops the clock, and Step moves it to the next happening', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await app.clockText();
  await page.waitForTimeout(1500);
  expect(await app.clockText()).toBe(paused);
  await app.run('kubectl run one --image=nginx');
  await expect(app.pods('one')).toHaveAttribute('aria-label', /^Pod one: ContainerCreating/);
  // Each Step jumps to the next change in the picture: the image pull, the container start...
  for (let i = 0; i < 10 && !/: Running/.test((await app.pods('one').getAttribute('aria-label')) ?? ''); i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForTimeout(100);
  }
  await expect(app.pods('one')).toHaveAttribute('aria-label', /^Pod one: Running/);
  expect(await app.clockText()).not.toBe(paused);
  const stepped = await app.clockText();
  await page.waitForTimeout(1000);
  expect(await app.clockText()).toBe(stepped);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('a node taken down loses its pods to other nodes', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.run('kubectl create deployment web --image=nginx:1.27 --replicas=6');
  await app.run('sleep 30s');
  await app.run('kubectl get pods -o wide');
  await app.run('sim node-down node-1');
  // 40 s until the node controller marks it NotReady, 300 s of tolerated unreachability, then eviction.
  await app.run('sleep 50s');
  await expect(app.node('node-1')).toHaveAttribute('aria-label', /^Node node-1: NotReady/);
  await app.run('sleep 6m');
  await app.run('kubectl get pods -o wide');
  await expect(app.terminal).toContainText(/web-\S+\s+1\/1\s+Terminating\s+\d+\s+\S+\s+\S+\s+node-1/);
  const running = await app.pods('web-').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '').filter((l) => /: Running/.test(l)).length);
  expect(running).toBe(6);
  await page.screenshot({ path: 'test-results/app-node-down.png' });
});

test('invalid YAML shows an inline error at its line and changes nothing', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'New manifest' }).click();
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n data: x\n');
  await page.getByRole('button', { name: 'Apply' }).click();
  // Monaco indents as it is typed, so the exact go-yaml complaint varies; its line does not.
  const alert = page.getByRole('alert').filter({ hasText: 'line 5' });
  await expect(alert).toContainText(/error parsing manifest-\d+\.yaml: error converting YAML to JSON: yaml: line 5: /);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await app.run('kubectl get configmaps');
  await expect(app.terminal).not.toContainText('broken');
  await page.screenshot({ path: 'test-results/app-invalid-yaml.png' });
});

test('a reload keeps the workspace: the cluster, the manifests and the terminal history', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.run('kubectl create deployment keep --image=nginx:1.27 --replicas=2');
  await app.run('sleep 15s');
  await expect(app.pods('keep-')).toHaveCount(2);
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'New manifest' }).click();
  const tabsBefore = await page.getByRole('tab', { name: /\.yaml/ }).count();
  // Give the periodic save a moment, as a learner would before reloading.
  await page.waitForTimeout(2500);
  await page.reload();
  await expect(app.pods('keep-')).toHaveCount(2, { timeout: 20_000 });
  await expect.poll(async () => (await app.pods('keep-').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).every((l) => /: Running/.test(l))).toBe(true);
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(page.getByRole('tab', { name: /\.yaml/ })).toHaveCount(tabsBefore);
  const input = page.getByRole('textbox', { name: 'kubectl command' });
  await input.focus();
  await input.press('ArrowUp');
  await expect(input).toHaveValue('sleep 15s');
  // Reset is one click away and gives a fresh cluster.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(app.pods('keep-')).toHaveCount(0);
});

test('the main screens have no serious or critical accessibility violations', async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await app.run('sleep 20s');
  const scan = async (what: string) => {
    const r = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  };
  await scan('editor and terminal');
  // A pod may sit outside the diagram's viewport; the keyboard reaches it wherever it is.
  await app.pods('web-').first().focus();
  await app.pods('web-').first().press('Enter');
  await expect(page.getByRole('region', { name: /^Inspector: Pod web-/ })).toBeVisible();
  await scan('inspector');
  await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('region', { name: 'Cluster events' })).toContainText('Scheduled');
  await scan('events');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await scan('dark theme');
  await page.screenshot({ path: 'test-results/app-dark.png' });
});
