import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

/** The terminal as a learner uses it: typing kubectl lines, history, Tab, a watch and Ctrl-C, clear. */
class Term {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(this.input).toBeVisible({ timeout: 20_000 });
    // The clock runs once the engine in its worker has answered.
    await expect(this.page.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 20_000 });
  }

  get input() {
    return this.page.getByRole('textbox', { name: 'kubectl command' });
  }
  get log() {
    return this.page.getByRole('log', { name: 'Terminal output' });
  }

  /** Types a line, presses Enter, and waits until the prompt is free again. */
  async run(line: string): Promise<void> {
    await this.input.fill(line);
    await this.input.press('Enter');
    await expect(this.log).toContainText(`$ ${line}`);
    await expect(this.input).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  }

  /** The transcript's lines after the last echo of `line`. */
  async after(line: string): Promise<string[]> {
    const lines = await this.log.locator('.kterm-line').allInnerTexts();
    const at = lines.lastIndexOf(`$ ${line}`);
    return at < 0 ? [] : lines.slice(at + 1);
  }
}

// Every test has a fresh browser context: empty storage, so a fresh cluster and an empty history.
test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('kubectl get nodes lists the control plane and three workers, in kubectl columns', async ({ page }) => {
  const t = new Term(page);
  await t.open();
  await t.run('kubectl get nodes');
  await expect(t.log).toContainText(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  const rows = await t.after('kubectl get nodes');
  expect(rows[0]).toMatch(/^NAME {2,}STATUS {2,}ROLES/);
  for (const n of ['control-plane', 'node-1', 'node-2', 'node-3']) expect(rows.some((r) => new RegExp(`^${n}\\s+Ready`).test(r))).toBe(true);
  // Columns line up: every row's STATUS starts where the header's does.
  const col = rows[0]!.indexOf('STATUS');
  for (const r of rows.slice(1, 5)) expect(r.slice(col, col + 5)).toBe('Ready');
  await page.screenshot({ path: 'test-results/terminal-get-nodes.png' });
});

test('a Deployment created from the terminal shows its three pods in kubectl get pods', async ({ page }) => {
  const t = new Term(page);
  await t.open();
  await t.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await expect(t.log).toContainText('deployment.apps/web created');
  await t.run('sleep 20s');
  await t.run('kubectl get pods');
  const pods = (await t.after('kubectl get pods')).filter((l) => /^web-[a-z0-9]+-[a-z0-9]{5}\s/.test(l));
  expect(pods).toHaveLength(3);
  for (const p of pods) expect(p).toMatch(/\s1\/1\s+Running\s+0\s/);
  // An error goes to stderr, in its own colour.
  await t.run('kubectl get pod nope');
  await expect(t.log.locator('.kterm-err', { hasText: 'Error from server (NotFound): pods "nope" not found' })).toBeVisible();
  await page.screenshot({ path: 'test-results/terminal-get-pods.png' });
});

test('ArrowUp and ArrowDown walk the history, which survives a reload', async ({ page }) => {
  const t = new Term(page);
  await t.open();
  await t.run('kubectl get nodes');
  await t.run('kubectl get ns');
  await t.input.fill('kubectl ver');
  await t.input.press('ArrowUp');
  await expect(t.input).toHaveValue('kubectl get ns');
  await t.input.press('ArrowUp');
  await expect(t.input).toHaveValue('kubectl get nodes');
  await t.input.press('ArrowDown');
  await t.input.press('ArrowDown');
  await expect(t.input).toHaveValue('kubectl ver');
  await t.input.press('ArrowUp');
  await t.input.press('Enter');
  await expect(t.log.locator('.kterm-cmd', { hasText: '$ kubectl get ns' })).toHaveCount(2);
  // A repeat of the last line is not kept twice (bash's ignoredups).
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('kubesim.history.v1') ?? '[]') as string[]);
  expect(saved).toEqual(['kubectl get nodes', 'kubectl get ns']);
  await page.reload();
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await t.input.focus();
  await t.input.press('ArrowUp');
  await expect(t.input).toHaveValue('kubectl get ns');
});

test('Tab completes resource types, commands and names; several candidates are listed', async ({ page }) => {
  const t = new Term(page);
  await t.open();
  await t.input.fill('kubectl get depl');
  await t.input.press('Tab');
  await expect(t.input).toHaveValue('kubectl get deployments ');
  await t.input.fill('kubectl rollout st');
  await t.input.press('Tab');
  await expect(t.input).toHaveValue('kubectl rollout status ');
  // Several: the common prefix goes in and the candidates are shown.
  await t.input.fill('kubectl de');
  await t.input.press('Tab');
  const list = page.getByRole('status', { name: 'Completions' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('button')).toHaveText(['delete', 'describe']);
  await page.screenshot({ path: 'test-results/terminal-completions.png' });
  await t.input.press('s');
  await expect(list).toBeHidden();
  await t.input.press('Tab');
  await expect(t.input).toHaveValue('kubectl describe ');
  // Names come from the live cluster.
  await t.input.fill('kubectl get nodes node-');
  await t.input.press('Tab');
  await expect(list.getByRole('button')).toHaveText(['node-1', 'node-2', 'node-3']);
  await list.getByRole('button', { name: 'node-2' }).click();
  await expect(t.input).toHaveValue('kubectl get nodes node-2 ');
  await expect(t.input).toBeFocused();
});

test('kubectl get pods -w keeps printing as pods change until Ctrl-C stops it', async ({ page }) => {
  const t = new Term(page);
  await t.open();
  await t.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await t.input.fill('kubectl get pods -w');
  await t.input.press('Enter');
  await expect(t.input).toHaveAttribute('aria-busy', 'true');
  await expect(t.page.getByRole('button', { name: /Stop the running command/ })).toBeVisible();
  // The watch prints the pods' changes as simulated time passes: both reach Running.
  await expect.poll(async () => (await t.after('kubectl get pods -w')).filter((l) => /^web-\S+\s+1\/1\s+Running/.test(l)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const watched = await t.after('kubectl get pods -w');
  expect(watched.length).toBeGreaterThan(3);
  await page.screenshot({ path: 'test-results/terminal-watch.png' });
  // Typing is refused while it runs; Ctrl-C stops it.
  await t.input.press('Control+c');
  await expect(t.log).toContainText('^C');
  await expect(t.input).toHaveAttribute('aria-busy', 'false');
  // Stopped for good: a scale after it is not watched.
  await t.run('kubectl scale deployment web --replicas=4');
  await expect(t.log).toContainText('deployment.apps/web scaled');
  await t.run('sleep 10s');
  const later = await t.after('kubectl scale deployment web --replicas=4');
  expect(later.filter((l) => /^web-/.test(l))).toEqual([]);
  // Ctrl-C with nothing running abandons the line, as in bash.
  await t.input.fill('kubectl delete deployment web');
  await t.input.press('Control+c');
  await expect(t.input).toHaveValue('');
  await expect(t.log).toContainText('$ kubectl delete deployment web^C');
  await page.screenshot({ path: 'test-results/terminal-watch-stopped.png' });
});

test('clear empties the transcript locally; a verb without kubectl gets a shell-like hint', async ({ page }) => {
  const t = new Term(page);
  await t.open();
  await t.run('get pods');
  await expect(t.log.locator('.kterm-err')).toContainText('get: command not found (did you mean "kubectl get"?)');
  await t.run('kubectl version');
  await expect(t.log).toContainText('Server Version');
  await t.input.fill('clear');
  await t.input.press('Enter');
  await expect(t.log.locator('.kterm-line')).toHaveCount(0);
  await expect(t.log).toContainText('Type a command');
  await expect(t.input).toHaveValue('');
});

test('a large output stays responsive and is capped; dark theme keeps stderr distinct', async ({ page }) => {
  const t = new Term(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await t.open();
  await t.run('kubectl create deployment big --image=nginx:1.27 --replicas=30');
  await t.run('sleep 20s');
  // Thirty pods as YAML: several thousand lines in one answer.
  // (Its own echo scrolls out of the kept lines, so wait for the output itself.)
  const started = Date.now();
  await t.input.fill('kubectl get pods -o yaml');
  await t.input.press('Enter');
  await expect(t.log).toContainText(/earlier lines not shown/);
  await expect(t.input).toHaveAttribute('aria-busy', 'false');
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await t.log.locator('.kterm-line').count()).toBeLessThanOrEqual(2000);
  await expect(t.log.locator('.kterm-line').last()).toHaveText(/resourceVersion: ""|kind: List/);
  // The prompt answers at once afterwards.
  await t.input.fill('kubectl get deploy');
  await expect(t.input).toHaveValue('kubectl get deploy');
  // The view follows the output.
  const atBottom = await t.log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 30);
  expect(atBottom).toBe(true);
  await t.run('kubectl get deployment nope');
  await page.screenshot({ path: 'test-results/terminal-dark.png' });
  const [err, out] = await Promise.all([
    t.log.locator('.kterm-err').last().evaluate((el) => getComputedStyle(el).color),
    t.log.locator('.kterm-line:not(.kterm-cmd)').first().evaluate((el) => getComputedStyle(el).color),
  ]);
  expect(err).not.toBe(out);
});
