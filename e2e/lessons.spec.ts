import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

/** A learner walking the first lesson: reading each step, typing in the terminal, seeing it pass. */
const lesson = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });
const step = (page: Page, title: string) => lesson(page).getByRole('listitem').filter({ hasText: title }).first();

async function run(page: Page, line: string) {
  const input = page.getByRole('textbox', { name: 'kubectl command' });
  await input.fill(line);
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText(`$ ${line}`);
}

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('a learner walks "A tour of the cluster": each step turns green as the cluster reaches it, and a reload keeps the progress', async ({ page }) => {
  await page.goto('/?lesson=cluster-tour');
  await expect(lesson(page).getByRole('heading', { name: 'A tour of the cluster' })).toBeVisible({ timeout: 20_000 });
  await expect(lesson(page)).toContainText('Step 1 of 4');
  // The link opened the lesson and then left the address bar clean, so a reload does not restart it.
  expect(new URL(page.url()).search).toBe('');

  // Step 1: nothing passes until the learner acts.
  const nodes = step(page, 'Meet the nodes');
  await expect(nodes).toHaveAttribute('aria-current', 'step');
  await expect(nodes).toContainText('You listed the nodes with kubectl get nodes (not yet)');
  // The diagram highlights what the step is about: the nodes.
  await expect(page.locator('.is-highlighted', { has: page.locator('[aria-label^="Node node-1:"]') })).toBeVisible();
  await run(page, 'kubectl get pods');
  await expect(lesson(page)).toContainText('Step 1 of 4');
  await run(page, 'kubectl get nodes');
  await expect(lesson(page)).toContainText('Step 2 of 4');
  await expect(step(page, 'Meet the nodes')).toContainText('(done)');
  // The explanation of the step that passed is open.
  await expect(step(page, 'Meet the nodes')).toContainText('renews a Lease every 10');
  await expect(lesson(page).getByRole('status')).toContainText('Step 1 done: Meet the nodes. Next: Find the control plane.');
  // The app fills the window and the lesson scrolls inside its panel: the page itself never scrolls.
  expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBe(0);

  // Step 2, through the instructions' Run button.
  await step(page, 'Find the control plane').getByRole('button', { name: 'Run in the terminal: kubectl get pods -n kube-system' }).click();
  await expect(lesson(page)).toContainText('Step 3 of 4');

  // Reload: the cluster and the lesson come back at the same step.
  await page.reload();
  await expect(lesson(page)).toContainText('Step 3 of 4', { timeout: 20_000 });
  const pod = step(page, 'Start your first Pod');
  await expect(pod).toHaveAttribute('aria-current', 'step');

  // Hints one at a time, then the solution.
  await pod.getByRole('button', { name: 'Show a hint' }).click();
  await expect(pod).toContainText('Hint 1.');
  await pod.getByRole('button', { name: 'Another hint' }).click();
  await pod.getByRole('button', { name: 'Another hint' }).click();
  await pod.getByRole('button', { name: 'Show the solution' }).click();
  await expect(pod.locator('.solution')).toContainText('kubectl run hello --image=nginx:1.27');

  // Step 3: the learner's own Pod; the goal shows where it is until it runs.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
  await run(page, 'kubectl run hello --image=nginx:1.27');
  await expect(page.locator('[aria-label^="Pod hello:"]')).toHaveClass(/is-highlighted/);
  // Not only a colour: a screen reader hears it too.
  await expect(page.locator('[aria-label^="Pod hello:"]')).toHaveAttribute('aria-label', /, highlighted by the lesson$/);
  await expect(lesson(page)).toContainText('Step 4 of 4', { timeout: 30_000 });
  await expect(page.locator('[aria-label^="Pod hello:"]')).toHaveAttribute('aria-label', /^Pod hello: Running/);

  // Step 4, and the lesson is complete.
  await run(page, 'kubectl describe pod hello');
  const done = lesson(page).getByRole('region', { name: 'Lesson complete' });
  await expect(done).toBeVisible();
  await expect(done.getByRole('button', { name: 'Next lesson: Pods and their lifecycle' })).toBeVisible();

  await page.reload();
  await expect(lesson(page).getByRole('region', { name: 'Lesson complete' })).toBeVisible({ timeout: 20_000 });
  await lesson(page).getByRole('button', { name: 'All lessons' }).click();
  await expect(lesson(page).getByRole('button', { name: 'Start again: A tour of the cluster' })).toBeVisible();
  await expect(lesson(page)).toContainText('1 of 15 done.');
  await page.screenshot({ path: 'test-results/lesson-catalogue.png' });
});

test("a lesson's step opens its manifest in the editor, replacing another lesson's file of the same name, and Apply passes the step", async ({ page }) => {
  // A tab named pod.yaml from earlier work, which the lesson's own pod.yaml must replace.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('kubesim.editor.v1', JSON.stringify({ state: { tabs: [{ id: 'tab-1', filename: 'pod.yaml', text: 'kind: Nothing\n' }], activeId: 'tab-1', nextId: 2 }, version: 1 }));
    localStorage.setItem('kubesim.lessons.files.v1', JSON.stringify({ 'pod.yaml': 'another-lesson' }));
  });
  await page.goto('/?lesson=pods');
  await expect(lesson(page).getByRole('heading', { name: 'Pods and their lifecycle' })).toBeVisible({ timeout: 20_000 });
  const editor = page.getByRole('region', { name: 'Manifest editor' });
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(editor.locator('.view-lines')).toContainText('kind: Pod');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
  await editor.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('pod/web created');
  await expect(lesson(page)).toContainText('Step 2 of 5', { timeout: 30_000 });
  await expect(step(page, 'Create a Pod from a manifest')).toContainText('(done)');
});

test('the catalogue and a lesson under way, with a hint and the solution shown, pass an accessibility scan in both themes', async ({ page }) => {
  const scan = async (what: string) => {
    const r = await new AxeBuilder({ page }).include('#lesson-panel').analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  };
  await page.goto('/');
  await expect(lesson(page).getByRole('button', { name: 'Start: A tour of the cluster' })).toBeVisible({ timeout: 20_000 });
  await scan('catalogue');
  // Keyboard only: the Start button of the second lesson.
  await lesson(page).getByRole('button', { name: 'Start: Pods and their lifecycle' }).focus();
  await page.keyboard.press('Enter');
  await expect(lesson(page)).toContainText('Step 1 of 5', { timeout: 20_000 });
  const first = step(page, 'Create a Pod from a manifest');
  await first.getByRole('button', { name: 'Show a hint' }).click();
  while (await first.getByRole('button', { name: 'Another hint' }).count()) await first.getByRole('button', { name: 'Another hint' }).click();
  await first.getByRole('button', { name: 'Show the solution' }).click();
  await expect(first.getByRole('button', { name: 'Run the solution' })).toBeVisible();
  await scan('lesson, light');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await scan('lesson, dark');
  // Running the solution passes the step.
  await first.getByRole('button', { name: 'Run the solution' }).click();
  await expect(lesson(page)).toContainText('Step 2 of 5', { timeout: 20_000 });
  // Reset, in a lesson, is the lesson's starting cluster: back at step 1, the Pod gone.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(lesson(page)).toContainText('Step 1 of 5');
  await expect(page.locator('[aria-label^="Pod web:"]')).toHaveCount(0);
});

test('on a narrow screen the page scrolls in one column: nothing wider than the screen, and opening a lesson does not jump down the page', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1000 });
  await page.goto('/?lesson=pods');
  await expect(lesson(page).getByRole('heading', { name: 'Pods and their lifecycle' })).toBeVisible({ timeout: 20_000 });
  // The editor opens pod.yaml (its tab strip must not scroll the page to show it).
  await expect(page.getByRole('tab', { name: /pod\.yaml/ })).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  // Each panel has its own height, one under the other.
  const box = async (name: string) => (await page.getByRole('complementary', { name }).boundingBox())!;
  const lessonBox = await box('Lesson');
  const diagram = (await page.getByRole('region', { name: 'Cluster diagram' }).boundingBox())!;
  expect(lessonBox.height).toBeGreaterThan(300);
  expect(diagram.y).toBeGreaterThanOrEqual(lessonBox.y + lessonBox.height - 1);
  expect(diagram.height).toBeGreaterThan(400);
});
