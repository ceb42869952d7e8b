import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The live cluster diagram, driven as a learner and a trainer use it. */
class Diagram {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('cluster-diagram');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.node('node-1')).toBeVisible({ timeout: 20_000 });
  }

  node(name: string): Locator {
    return this.root.getByRole('button', { name: new RegExp(`^Node ${name}: `) });
  }
  pods(prefix: string): Locator {
    return this.root.getByRole('button', { name: new RegExp(`^Pod ${prefix}`) });
  }
  get terminal(): Locator {
    return this.page.getByRole('log', { name: 'Terminal output' });
  }

  async run(line: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Terminal' }).click();
    const input = this.page.getByRole('textbox', { name: 'kubectl command' });
    await input.fill(line);
    await input.press('Enter');
    await expect(this.terminal).toContainText(`$ ${line}`);
  }

  async podLabels(prefix: string): Promise<string[]> {
    return this.pods(prefix).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  /** axe-core on the diagram as it is now. */
  async axe(): Promise<string[]> {
    const r = await new AxeBuilder({ page: this.page }).include('[data-testid="cluster-diagram"]').analyze();
    return r.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
    );
  }

  async shot(name: string): Promise<void> {
    await this.page.waitForTimeout(450); // let transitions settle
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }
}

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

test('the default cluster: a control plane with its components, three Ready workers, system pods behind a toggle', async ({
  page,
}) => {
  const d = new Diagram(page);
  await d.open();
  for (const c of ['API server', 'etcd', 'Scheduler', 'Controller manager'])
    await expect(d.root.getByText(c, { exact: true })).toBeVisible();
  await expect(d.node('control-plane')).toHaveAccessibleName('Node control-plane: Ready');
  for (const n of ['node-1', 'node-2', 'node-3'])
    await expect(d.node(n)).toHaveAccessibleName(`Node ${n}: Ready`);
  await expect(d.root.getByRole('group', { name: 'Node node-2: Ready' })).toBeVisible();
  await expect(d.root.getByText('Pending (unscheduled)')).toBeVisible();
  // The legend starts closed when the diagram area is small; one click opens it.
  const legend = d.root.getByRole('region', { name: 'Legend' });
  const toggle = legend.getByRole('button', { name: 'Legend' });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(legend).toContainText('CrashLoop');
  await expect(legend).toContainText('ImagePull');
  // kube-system pods are hidden until asked for; kube-proxy runs on every node, CoreDNS on workers.
  await expect(d.pods('kube-proxy-')).toHaveCount(0);
  await d.root.getByLabel('Show system pods').check();
  await expect(d.pods('kube-proxy-')).toHaveCount(4);
  await expect(d.pods('coredns-')).toHaveCount(2);
  await expect(d.pods('kube-apiserver-')).toHaveCount(1);
  await d.shot('diagram-system-pods');
  await d.root.getByLabel('Show system pods').uncheck();
  await expect(d.pods('kube-proxy-')).toHaveCount(0);
  await d.shot('diagram-default');
  expect(await d.axe()).toEqual([]);
});

test('a Deployment created in the terminal: its pods appear, start and turn Running, linked to their Service', async ({
  page,
}) => {
  const d = new Diagram(page);
  await d.open();
  await d.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await expect(d.pods('web-')).toHaveCount(3);
  await d.shot('diagram-web-created');
  await expect
    .poll(() => d.podLabels('web-'), { timeout: 30_000 })
    .toEqual(
      Array(3).fill(
        expect.stringMatching(/^Pod web-[a-z0-9]+-[a-z0-9]{5}: Running, ready 1\/1, 0 restarts$/),
      ),
    );
  // The scheduler spreads them: one per worker.
  for (const n of ['node-1', 'node-2', 'node-3'])
    await expect(
      d.root
        .getByRole('group', { name: new RegExp(`^Node ${n}:`) })
        .getByRole('button', { name: /^Pod web-/ }),
    ).toHaveCount(1);
  await d.run('kubectl expose deployment web --port=80');
  await expect(d.root.getByRole('button', { name: /^Service web: ClusterIP .*, 3 ready$/ })).toBeVisible({
    timeout: 15_000,
  });
  await expect(d.root.getByRole('img', { name: /^Service web → pod web-/ })).toHaveCount(3);
  await d.shot('diagram-web-running');
  expect(await d.axe()).toEqual([]);
});

test('the ownership view: Deployment → ReplicaSet with its revision → 3 pods', async ({ page }) => {
  const d = new Diagram(page);
  await d.open();
  await d.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await expect(d.pods('web-')).toHaveCount(3);
  await d.root.getByRole('button', { name: 'Ownership' }).click();
  await expect(d.root.getByRole('button', { name: 'Ownership' })).toHaveAttribute('aria-pressed', 'true');
  const rs = d.root.getByRole('button', { name: /^ReplicaSet web-[a-z0-9]+: .*revision 1/ });
  await expect(d.root.getByRole('button', { name: /^Deployment web: / })).toBeVisible();
  await expect(rs).toBeVisible();
  await expect(d.root.getByRole('img', { name: /^Deployment web owns ReplicaSet web-/ })).toHaveCount(1);
  await expect(d.root.getByRole('img', { name: /^ReplicaSet web-[a-z0-9]+ owns Pod web-/ })).toHaveCount(3);
  await expect(d.pods('web-')).toHaveCount(3);
  await expect
    .poll(() => d.podLabels('web-'), { timeout: 30_000 })
    .toEqual(Array(3).fill(expect.stringContaining(': Running, ready 1/1')));
  await d.shot('diagram-ownership');
  expect(await d.axe()).toEqual([]);
  // A rollout adds a second ReplicaSet, newest first, and the old one is kept at 0.
  await d.run('kubectl set image deployment/web nginx=nginx:1.28');
  await expect(d.root.getByRole('button', { name: /^ReplicaSet web-[a-z0-9]+: .*revision 2/ })).toBeVisible({
    timeout: 15_000,
  });
  await d.run('sleep 60s');
  await expect(
    d.root.getByRole('button', { name: /^ReplicaSet web-[a-z0-9]+: 0\/0 ready.*revision 1/ }),
  ).toBeVisible({ timeout: 15_000 });
  await d.shot('diagram-ownership-rollout');
});

test('a node taken down from its context menu turns NotReady; cordon from the keyboard', async ({ page }) => {
  const d = new Diagram(page);
  await d.open();
  await d.node('node-2').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for Node node-2' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText([/Take node down/, /Bring node up/, /Cordon/, /Drain/]);
  await d.shot('diagram-node-menu');
  await menu.getByRole('menuitem', { name: /Take node down/ }).click();
  await expect(menu).toBeHidden();
  await expect(d.terminal).toContainText('$ sim node-down node-2');
  // The node lifecycle controller marks it NotReady after 40 s without heartbeats.
  await d.run('sleep 50s');
  await expect(d.node('node-2')).toHaveAccessibleName(/^Node node-2: NotReady/, { timeout: 15_000 });
  await d.shot('diagram-node-down');

  // Keyboard: focus node-3, Shift+F10 opens its menu, arrows move, Enter runs, focus comes back.
  await d.node('node-3').focus();
  await page.keyboard.press('Shift+F10');
  const menu3 = page.getByRole('menu', { name: 'Actions for Node node-3' });
  await expect(menu3.getByRole('menuitem', { name: /Take node down/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu3.getByRole('menuitem', { name: /Cordon/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(d.terminal).toContainText('$ kubectl cordon node-3');
  await expect(d.node('node-3')).toHaveAccessibleName('Node node-3: Ready,SchedulingDisabled', {
    timeout: 15_000,
  });
  await expect(d.node('node-3')).toBeFocused();
  await d.shot('diagram-cordoned');
});

test('pods no node can take wait in the Pending area with the scheduler’s reason, and move when a node frees up', async ({
  page,
}) => {
  const d = new Diagram(page);
  await d.open();
  for (const n of ['node-1', 'node-2', 'node-3']) await d.run(`kubectl cordon ${n}`);
  await d.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  const pending = d.root.getByRole('group', { name: /^Pending \(unscheduled\): 2 pods/ });
  await expect(pending).toBeVisible({ timeout: 15_000 });
  const pod = pending.getByRole('button', { name: /^Pod web-/ }).first();
  // The reason is in the pod's name and on hover, and the area shows it too.
  await expect(pod).toHaveAttribute('title', /Not scheduled: 0\/4 nodes are available: .*unschedulable/);
  await expect(pending).toContainText('Why:');
  await d.shot('diagram-pending');
  await d.run('kubectl uncordon node-2');
  await expect(
    d.root.getByRole('group', { name: /^Node node-2:/ }).getByRole('button', { name: /^Pod web-/ }),
  ).toHaveCount(2, { timeout: 15_000 });
  await expect(d.root.getByRole('group', { name: /^Pending \(unscheduled\): 0 pods/ })).toBeVisible();
  await d.shot('diagram-pending-scheduled');
});

test('a pod selected with Enter shows its actions; Crash container restarts it', async ({ page }) => {
  const d = new Diagram(page);
  await d.open();
  await d.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await expect
    .poll(() => d.podLabels('web-'), { timeout: 30_000 })
    .toEqual(Array(2).fill(expect.stringContaining(': Running, ready 1/1')));
  const pod = d.pods('web-').first();
  const name = ((await pod.getAttribute('aria-label')) ?? '').replace(/^Pod (\S+):.*$/, '$1');
  await pod.focus();
  await page.keyboard.press('Enter');
  await expect(pod).toHaveAttribute('aria-current', 'true');
  const bar = d.root.getByRole('region', { name: 'Selected object' });
  await expect(bar).toContainText(name);
  await bar.getByRole('button', { name: 'Crash container' }).click();
  await expect(d.terminal).toContainText(`$ sim crash ${name} -n default`);
  await expect(d.root.getByRole('button', { name: new RegExp(`^Pod ${name}: .*, 1 restart`) })).toBeVisible({
    timeout: 20_000,
  });
  await d.shot('diagram-crashed');
  // Escape closes a menu and gives focus back to the pod.
  await d.root.getByRole('button', { name: new RegExp(`^Pod ${name}:`) }).focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: `Actions for Pod ${name}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(d.root.getByRole('button', { name: new RegExp(`^Pod ${name}:`) })).toBeFocused();
});

test('components light up when they act', async ({ page }) => {
  const d = new Diagram(page);
  await d.open();
  const lit = (c: string) => d.root.locator(`[data-component="${c}"][data-active="true"]`);
  await d.run('kubectl run one --image=nginx');
  // The scheduler binds the pod; the API server and etcd take every write; the node's kubelet starts it.
  await expect(lit('kube-scheduler').or(lit('kube-apiserver')).first()).toBeVisible({ timeout: 10_000 });
  await expect(d.pods('one')).toHaveCount(1);
});

test('1,000 pods on 20 nodes: grouped by owner, a few dozen xyflow nodes, every pod reachable', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const d = new Diagram(page);
  await d.open();
  await page.getByLabel('Worker nodes').selectOption('20');
  await expect(d.node('node-20')).toBeVisible({ timeout: 30_000 });
  // Let the fresh cluster (and the editor's lazy module) settle: what is measured is the 1,000 pods.
  await page.waitForTimeout(2000);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => w.__longTasks.push(Math.round(e.duration))),
    ).observe({ type: 'longtask' });
  });
  const shown = () =>
    d.root
      .locator('.kd-box__count')
      .evaluateAll((els) => els.reduce((n, e) => n + (parseInt(e.textContent ?? '', 10) || 0), 0));
  const t0 = Date.now();
  await d.run('kubectl create deployment big --image=nginx:1.27 --replicas=1000');
  await expect.poll(shown, { timeout: 120_000, intervals: [250] }).toBe(1000);
  const appeared = Date.now() - t0;
  // Each node shows its pods as one row for the ReplicaSet, coloured by status, until opened.
  const group = d.root.getByRole('button', { name: /^ReplicaSet big-[a-z0-9]+: \d+ pods on node-1 / });
  await expect(group).toBeVisible();
  await expect
    .poll(async () => (await group.getAttribute('aria-label')) ?? '', { timeout: 90_000 })
    .toMatch(/\((\d+) Running, ready\)/);
  expect(await d.root.locator('.react-flow__node').count()).toBeLessThanOrEqual(30);
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  await d.shot('diagram-1000-pods');
  // Switching views redraws everything from the mirror.
  let t = Date.now();
  await d.root.getByRole('button', { name: 'Ownership' }).click();
  await expect(
    d.root.getByRole('button', { name: /^ReplicaSet big-[a-z0-9]+: \d+\/1000 ready/ }),
  ).toBeVisible();
  const toOwnership = Date.now() - t;
  await d.shot('diagram-1000-pods-ownership');
  t = Date.now();
  await d.root.getByRole('button', { name: 'Cluster' }).click();
  await expect(group).toBeVisible();
  const toCluster = Date.now() - t;
  const onNode1 = Number(/: (\d+) pods on node-1/.exec((await group.getAttribute('aria-label')) ?? '')?.[1]);
  await group.click();
  const node1 = d.root.getByRole('group', { name: /^Node node-1:/ });
  await expect(node1.getByRole('button', { name: /^Pod big-/ })).toHaveCount(onNode1);
  await d.shot('diagram-1000-pods-open');
  console.log(
    `1,000 pods: all shown ${appeared} ms after the command; long tasks (ms) while they appeared and started: ${JSON.stringify(longTasks)}; ` +
      `switch to ownership ${toOwnership} ms, back ${toCluster} ms`,
  );
  // How long the main thread's tasks take is a figure for `npm run bench` (browser part), not a pass
  // or fail here: these machines are shared and noisy. The log above shows it for this run.
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the diagram follows the dark theme', async ({ page }) => {
    const d = new Diagram(page);
    await d.open();
    await d.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    await expect
      .poll(() => d.podLabels('web-'), { timeout: 30_000 })
      .toEqual(Array(3).fill(expect.stringContaining(': Running')));
    await expect(d.root).toHaveClass(/kd-theme-dark/);
    await d.shot('diagram-dark');
    expect(await d.axe()).toEqual([]);
    await d.root.getByRole('button', { name: 'Ownership' }).click();
    await d.pods('web-').first().click();
    expect(await d.axe()).toEqual([]);
    await d.shot('diagram-dark-ownership');
  });
});
