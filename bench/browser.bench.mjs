/**
 * `npm run bench`, browser part: the production build in Chromium, as a learner meets it.
 *
 * (1) Navigation (KUBESIM_BENCH_RUNS times, default 3, each in a fresh browser context: cold cache, no
 *     saved cluster): first contentful paint, node-1's box visible, and interactive (defined below).
 * (2) JavaScript shipped: from the network, the JS responses finished before first contentful paint and
 *     all JS once the app has settled (network idle); sizes are those of the files in the build, raw
 *     and gzip (node:zlib, level 6). Monaco's chunks (found through their source maps) are listed apart.
 * (3) Scale-up (KUBESIM_BENCH_SCALE_RUNS times, default 3): through the terminal, a Deployment `big`
 *     goes from 0 to KUBESIM_BENCH_PODS (default 500) replicas at KUBESIM_BENCH_SPEED (default 20x);
 *     main-thread long tasks (PerformanceObserver 'longtask') and the frame rate (requestAnimationFrame
 *     in 1 s windows) until the diagram has settled (every pod Running, or Pending waiting for a node),
 *     and in the 10 s after, on a cluster of KUBESIM_BENCH_WORKERS (default 10) workers of 110 pods each.
 *
 * The build goes to node_modules/.cache/kubesim/dist (so a bench never rewrites dist/ under someone's
 * e2e run) and is served by a small node:http server. KUBESIM_BENCH_NO_BUILD=1 reuses the last build;
 * KUBESIM_BENCH_MINIFY=0 builds without minifying (readable names in profiles); KUBESIM_BENCH_PROFILE=1
 * records a CPU profile of the scale-up and the 10 s after (CDP Profiler) and prints the functions with the most self time.
 * Targets (the issue): interactive within 1.5 s; < 350 kB gzip before first paint, Monaco loaded lazily;
 * no main-thread task over 50 ms during the scale-up; at least 50 fps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.KUBESIM_BENCH_RUNS ?? 3);
const SCALE_RUNS = Number(process.env.KUBESIM_BENCH_SCALE_RUNS ?? 3);
const PODS = Number(process.env.KUBESIM_BENCH_PODS ?? 500);
const SPEED = String(process.env.KUBESIM_BENCH_SPEED ?? 20);
const WORKERS = Number(process.env.KUBESIM_BENCH_WORKERS ?? 10);
const MINIFY = process.env.KUBESIM_BENCH_MINIFY !== '0';
const PROFILE = process.env.KUBESIM_BENCH_PROFILE === '1';
const CACHE = 'node_modules/.cache/kubesim';
const DIST = `${CACHE}/${MINIFY ? 'dist' : 'dist-unminified'}`;
const AFTER_MS = 10_000;
const REST_MS = 2000;
const SCALE_LIMIT_MS = 180_000;
const LONG_TASK_MS = 50;

// CSS selectors on the app's accessible names rather than Playwright's role locators: the role engine
// walks the whole DOM on every poll, which would show up in the page's own long tasks.
const NODE_1 = '[aria-label^="Node node-1:"]';
const TERMINAL_INPUT = 'input[aria-label="kubectl command"]';
const TERMINAL_LOG = '[role="log"][aria-label="Terminal output"]';

// ---------------------------------------------------------------------------------------------------
// Build and serve

function buildApp() {
  if (process.env.KUBESIM_BENCH_NO_BUILD === '1' && existsSync(join(DIST, 'index.html'))) return;
  const args = [
    'vite',
    'build',
    '--logLevel',
    'error',
    '--outDir',
    DIST,
    '--emptyOutDir',
    ...(MINIFY ? [] : ['--minify', 'false']),
  ];
  const r = spawnSync('npx', args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status}); see above`);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** A static server for the build on a free port: files as they are (no compression), / is index.html. */
async function serve(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (relative(root, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Debian's Chromium where there is one (these machines cannot download browsers), else Playwright's. */
async function launch() {
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!system) return chromium.launch();
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  return chromium.launch({ executablePath: system, args });
}

// ---------------------------------------------------------------------------------------------------
// The build's JavaScript: sizes, and which chunks are Monaco

/**
 * Every .js file of the build by its URL path: raw and gzip bytes, whether it is Monaco's, and whether
 * index.html loads it (a script or a modulepreload: what the page waits for, as opposed to import()).
 */
function jsFiles(root) {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const fromHtml = new Set([...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]));
  const files = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) {
        const body = readFileSync(p);
        const path = `/${relative(root, p).split(sep).join('/')}`;
        files.set(path, {
          path,
          raw: body.length,
          gzip: gzipSync(body).length,
          monaco: isMonaco(p),
          fromHtml: fromHtml.has(path),
        });
      }
    }
  };
  walk(root);
  return files;
}

/** A chunk is Monaco's when most of the source its map names comes from monaco-editor or monaco-yaml. */
function isMonaco(file) {
  if (!existsSync(`${file}.map`)) return false;
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  let monaco = 0;
  let all = 0;
  map.sources.forEach((s, i) => {
    const n = map.sourcesContent?.[i]?.length ?? 1;
    all += n;
    if (/(^|\/)monaco-(editor|yaml)\//.test(s)) monaco += n;
  });
  return monaco > all / 2;
}

// ---------------------------------------------------------------------------------------------------
// In the page (installed before any of the app's scripts)

/** Long tasks, long animation frames (with the scripts they ran), every frame, and node-1's first sight. */
function instrumentPage(selector) {
  const m = { longTasks: [], loafs: [], frames: [], nodeVisibleAt: null, inputEchoAt: null };
  window.__bench = m;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = e.scripts.map((s) => ({
          duration: s.duration,
          invoker: s.invoker,
          fn: s.sourceFunctionName,
          url: s.sourceURL,
          pos: s.sourceCharPosition,
        }));
        const end = e.startTime + e.duration;
        m.loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? end - e.renderStart : 0,
          styleLayout: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
          scripts,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // long-animation-frame is Chromium 123+; attribution is a bonus.
  }
  const frame = (t) => {
    m.frames.push(t);
    if (m.nodeVisibleAt === null) {
      const el = document.querySelector(selector);
      if (el && el.getBoundingClientRect().width > 0 && el.checkVisibility())
        m.nodeVisibleAt = performance.now();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // The first keystroke is "echoed" in the frame after its input event.
  document.addEventListener(
    'input',
    () => m.inputEchoAt ?? requestAnimationFrame(() => (m.inputEchoAt ??= performance.now())),
    true,
  );

  /**
   * A Deployment's pods as the diagram shows them, single chips and grouped ones: how many in all, how
   * many Running (ready or not), how many waiting for a node (Pending, not scheduled).
   */
  window.__benchPods = (name) => {
    const pods = { total: 0, running: 0, waiting: 0 };
    for (const el of document.querySelectorAll(`[aria-label^="Pod ${name}-"]`)) {
      const label = el.getAttribute('aria-label');
      pods.total++;
      if (/^Pod \S+: Running,/.test(label)) pods.running++;
      else if (label.includes('Not scheduled')) pods.waiting++;
    }
    for (const el of document.querySelectorAll('.kd-group[aria-label]')) {
      const label = el.getAttribute('aria-label');
      if (!label.startsWith(`ReplicaSet ${name}-`)) continue;
      const count = (re) => [...label.matchAll(re)].reduce((s, c) => s + Number(c[1]), 0);
      const total = count(/: (\d+) pods?/g);
      pods.total += total;
      pods.running += count(/(\d+) Running, (?:not )?ready/g);
      if (label.includes('waiting for a node')) pods.waiting += total;
    }
    return pods;
  };
}

// ---------------------------------------------------------------------------------------------------
// Navigation

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // As a named script, so that its frames are told apart from Playwright's (which have no URL).
  await context.addInitScript({
    content: `(${instrumentPage})(${JSON.stringify(NODE_1)});\n//# sourceURL=bench-instrument.js`,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** One cold navigation: paint and interactive times, and the JS that finished before FCP and in all. */
async function navigate(browser, url, files) {
  const { context, page, errors } = await newPage(browser);
  const responses = [];
  page.on('requestfinished', (req) => {
    const t = req.timing();
    responses.push({ path: new URL(req.url()).pathname, end: t.startTime + t.responseEnd });
  });
  await page.goto(url);
  await page.locator(NODE_1).first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator(TERMINAL_INPUT).press('x');
  await page.waitForFunction(() => window.__bench.inputEchoAt !== null, null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  const m = await page.evaluate(() => ({
    timeOrigin: performance.timeOrigin,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    nodeVisibleAt: window.__bench.nodeVisibleAt,
    inputEchoAt: window.__bench.inputEchoAt,
    longTasks: window.__bench.longTasks,
  }));
  await context.close();
  const js = (rs) =>
    sumJs(
      rs.map((r) => r.path),
      files,
    );
  const fcpEpoch = m.timeOrigin + (m.fcp ?? Infinity);
  const interactive = Math.max(m.nodeVisibleAt, m.inputEchoAt);
  const loading = m.longTasks.filter((t) => t.start < interactive);
  return {
    fcp: m.fcp ?? NaN,
    nodeVisible: m.nodeVisibleAt,
    interactive,
    loadingLongest: Math.max(0, ...loading.map((t) => t.duration)),
    loadingLongTotal: loading.reduce((s, t) => s + t.duration, 0),
    beforeFcp: js(responses.filter((r) => r.end <= fcpEpoch)),
    all: js(responses),
    monaco: responses
      .filter((r) => files.get(r.path)?.monaco)
      .map((r) => ({ ...files.get(r.path), afterFcp: r.end - fcpEpoch })),
    errors,
  };
}

/** Sums the build's sizes of the JS files among these URL paths (each file once). */
function sumJs(paths, files) {
  const seen = [...new Set(paths)].map((p) => files.get(p)).filter(Boolean);
  return {
    count: seen.length,
    raw: seen.reduce((s, f) => s + f.raw, 0),
    gzip: seen.reduce((s, f) => s + f.gzip, 0),
    paths: seen.map((f) => f.path),
  };
}

// ---------------------------------------------------------------------------------------------------
// Scale-up

/** Types a line in the terminal and waits until its prompt is back (the input is not busy). */
async function run(page, line) {
  const input = page.locator(TERMINAL_INPUT);
  await input.fill(line);
  await input.press('Enter');
  await page.waitForFunction(
    ([log, input, echo]) =>
      document.querySelector(log)?.textContent.includes(echo) &&
      document.querySelector(input)?.getAttribute('aria-busy') !== 'true',
    [TERMINAL_LOG, TERMINAL_INPUT, `$ ${line}`],
    { polling: 100 },
  );
}

/** The Deployment's row of `kubectl get deploy NAME`, as the terminal prints it ('' if none came). */
async function kubectlGetDeploy(page, name) {
  await run(page, `kubectl get deploy ${name}`);
  const row = await page
    .waitForFunction(
      ([log, name]) =>
        document
          .querySelector(log)
          .innerText.split('\n')
          .find((l) => l.startsWith(`${name} `)),
      [TERMINAL_LOG, name],
      { polling: 100, timeout: 10_000 },
    )
    .catch(() => null);
  return row ? (await row.jsonValue()).trim() : '';
}

async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile;
}

/** Deployment `big` from 0 to PODS replicas: long tasks and frames until all Running, then AFTER_MS more. */
async function scaleUp(browser, url) {
  const { context, page, errors } = await newPage(browser);
  // Room for every pod: WORKERS nodes of 110 pods each (?workers=N asks the app for that cluster).
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}workers=${WORKERS}`);
  await page.locator(NODE_1).first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await run(page, 'kubectl create deployment big --image=nginx:1.27 --replicas=0');
  await page.getByLabel('Speed').selectOption(SPEED);
  await page.waitForTimeout(REST_MS);
  const stopProfile = PROFILE ? await startProfile(page) : null;
  const t0 = await page.evaluate(() => performance.now());
  await run(page, `kubectl scale deployment big --replicas=${PODS}`);
  const settled = await page.waitForFunction(
    (want) => {
      const pods = window.__benchPods('big');
      return (
        pods.total >= want &&
        pods.running > 0 &&
        pods.running + pods.waiting === pods.total && { ...pods, at: performance.now() }
      );
    },
    PODS,
    { polling: 250, timeout: SCALE_LIMIT_MS },
  );
  const { at: t1, ...pods } = await settled.jsonValue();
  await page.waitForTimeout(AFTER_MS);
  const t2 = await page.evaluate(() => performance.now());
  const profile = stopProfile ? await stopProfile() : null;
  const getDeploy = await kubectlGetDeploy(page, 'big');
  const m = await page.evaluate(() => window.__bench);
  await context.close();
  return {
    rest: windowFigures(m, t0 - REST_MS, t0, t0),
    during: windowFigures(m, t0, t1, t0),
    after: windowFigures(m, t1, t2, t0),
    wallMs: t1 - t0,
    pods,
    getDeploy: getDeploy.trim(),
    profile,
    errors,
  };
}

/** Long tasks, frame rate and the longest animation frames between two page times (origin: the scale command). */
function windowFigures(m, from, to, origin) {
  const tasks = m.longTasks.filter((t) => t.start >= from && t.start < to);
  const loafs = m.loafs.filter((t) => t.start >= from && t.start < to);
  const frames = m.frames.filter((t) => t >= from && t < to);
  const fps = [];
  for (let s = from; s + 1000 <= to; s += 1000) fps.push(frames.filter((t) => t >= s && t < s + 1000).length);
  if (!fps.length) fps.push(frames.length / ((to - from) / 1000));
  return {
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    over50: tasks.filter((t) => t.duration > LONG_TASK_MS).length,
    totalLong: tasks.reduce((s, t) => s + t.duration, 0),
    fpsMedian: median(fps),
    fpsMin: Math.min(...fps),
    longestFrames: loafs
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map((f) => describeFrame(f, origin)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Profile summary: which functions the main thread spent its time in

/** The functions with the most self time, idle left out ((program) is the browser's own work: style, layout, paint). */
function topSelfTime(profile, n = 12) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)') return;
    const key =
      `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** A long animation frame in words: where its time went, and the scripts that ran longest in it. */
function describeFrame(f, from) {
  const scripts = [...f.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
  const names = scripts.map(
    (x) =>
      `${ms(x.duration)} ${x.invoker} -> ${x.fn || '(anonymous)'} ${x.url.replace(/^https?:\/\/[^/]+/, '') || '(no url)'}:${x.pos}`,
  );
  const scriptMs = f.scripts.reduce((sum, x) => sum + x.duration, 0);
  return `${ms(f.duration)} at +${ms(f.start - from)}: scripts ${ms(scriptMs)}, rendering ${ms(f.render)} (style and layout ${ms(f.styleLayout)}); ${names.join('; ') || 'no script'}`;
}

// ---------------------------------------------------------------------------------------------------
// Report

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const fps = (x) => `${x.toFixed(0)} fps`;
function stats(xs, fmt) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 1 ? fmt(s[0]) : `${fmt(median(s))} (min ${fmt(s[0])}, max ${fmt(s[s.length - 1])})`;
}
const load = () =>
  `${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} (1, 5, 15 min)`;
const line = (label, value, note = '') =>
  console.log(`${label.padEnd(50)}${value}${note ? `   ${note}` : ''}`);

/** [{ a: 1 }, { a: 2 }] -> { a: [1, 2] }: each figure over the runs. */
const columns = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, runs.map((r) => r[k])]));

/** One figure over the runs, median (min, max), with its target beside it: met in every run, none, or some. */
function row(label, xs, fmt, target) {
  if (!target) return line(label, stats(xs, fmt));
  const k = xs.filter(target.ok).length;
  const verdict = k === xs.length ? 'MET' : k === 0 ? 'NOT MET' : `MET in ${k} of ${xs.length} runs`;
  line(label, stats(xs, fmt), `target ${target.text}: ${verdict}`);
}

const TARGET = {
  interactive: { text: '< 1.5 s', ok: (x) => x < 1500 },
  firstPaintGzip: { text: '< 350 kB', ok: (x) => x < 350_000 },
  longTask: { text: `<= ${LONG_TASK_MS} ms`, ok: (x) => x <= LONG_TASK_MS },
  fps: { text: '>= 50 fps', ok: (x) => x >= 50 },
};

function reportNavigation(navs, browserVersion) {
  const build = `production build${MINIFY ? '' : ' (not minified)'}`;
  console.log(`Kubesim browser benchmark: ${build}, Chromium ${browserVersion} headless, median (min, max)`);
  console.log(`machine: ${availableParallelism()} CPUs, load average ${load()}`);
  console.log(`${navs.length} cold navigations (fresh browser context each):`);
  const c = columns(navs);
  const before = columns(navs.map((n) => n.beforeFcp));
  const all = columns(navs.map((n) => n.all));
  row('first contentful paint', c.fcp, ms);
  row("node-1's box visible", c.nodeVisible, ms);
  row('interactive', c.interactive, ms, TARGET.interactive);
  console.log("  (from navigation start until node-1's box is visible and a key typed into the terminal");
  console.log('   right after that is on screen: the frame after its input event)');
  row('  longest main-thread task until then', c.loadingLongest, ms);
  row('  time in tasks over 50 ms until then', c.loadingLongTotal, ms);
  row('JS finished before first contentful paint, raw', before.raw, kb);
  row('  gzip', before.gzip, kb, TARGET.firstPaintGzip);
  console.log(`  files: ${navs[0].beforeFcp.paths.join(', ') || '(none)'}`);
  row('all JS once settled (network idle), raw', all.raw, kb);
  row('  gzip', all.gzip, kb);
  console.log(`  files: ${navs[0].all.count} (${navs[0].all.paths.join(', ')})`);
  reportMonaco(navs);
  for (const e of new Set(navs.flatMap((n) => n.errors))) console.log(`  page error: ${e}`);
}

function reportMonaco(navs) {
  const chunks = navs[0].monaco;
  if (!chunks.length) return line("Monaco's chunks", 'none loaded (the editor did not open?)');
  const lazy = chunks.every((c) => !c.fromHtml);
  const afterFcp = navs.filter((n) => n.monaco.every((c) => c.afterFcp > 0)).length;
  const sum = (k) => kb(chunks.reduce((s, c) => s + c[k], 0));
  line(
    "Monaco's chunks, raw",
    sum('raw'),
    `loaded lazily (import(), not from index.html): ${lazy ? 'MET' : 'NOT MET'}`,
  );
  line('  gzip', sum('gzip'), `all finished after first paint in ${afterFcp} of ${navs.length} runs`);
  for (const c of chunks) {
    const after = navs.map((n) => n.monaco.find((x) => x.path === c.path)?.afterFcp ?? NaN);
    console.log(
      `  ${c.path}: ${kb(c.raw)} raw, ${kb(c.gzip)} gzip, finished ${stats(after, ms)} after first paint`,
    );
  }
}

function reportScale(scales) {
  console.log(
    `Scale-up: Deployment big 0 -> ${PODS} replicas from the terminal at ${SPEED}x on ${WORKERS} worker nodes, ${scales.length} run(s)`,
  );
  console.log(`machine: load average ${load()}`);
  row('until settled in the diagram (wall)', columns(scales).wallMs, ms);
  const p = scales[0].pods;
  console.log(
    `  (settled: the diagram shows all ${p.total} pods, each Running or Pending for want of a node:`,
  );
  console.log(`   ${p.running} Running, ${p.waiting} Pending)`);
  if (p.waiting)
    console.log(`  (the cluster's ${WORKERS} worker nodes take 110 pods each, system pods included)`);
  for (const s of scales) console.log(`  kubectl get deploy big, after: ${s.getDeploy || '(no row)'}`);
  console.log(
    `  (long tasks are the page's tasks over ${LONG_TASK_MS} ms: a longest of 0 ms means there was none)`,
  );
  row(`frame rate at rest, ${REST_MS / 1000} s before`, columns(scales.map((s) => s.rest)).fpsMedian, fps);
  for (const [name, key] of [
    ['during the scale-up', 'during'],
    [`in the ${AFTER_MS / 1000} s after`, 'after'],
  ]) {
    const w = columns(scales.map((s) => s[key]));
    row(`longest main-thread task, ${name}`, w.longest, ms, TARGET.longTask);
    row('  tasks over 50 ms (count)', w.over50, String);
    row('  time in tasks over 50 ms', w.totalLong, ms);
    row('  frame rate, median of 1 s windows', w.fpsMedian, fps, TARGET.fps);
    row('  frame rate, worst 1 s window', w.fpsMin, fps, TARGET.fps);
  }
  scales.forEach(reportFrames);
  for (const e of new Set(scales.flatMap((s) => s.errors))) console.log(`  page error: ${e}`);
}

/** One run's longest animation frames, and its CPU profile when one was taken. */
function reportFrames(s, i) {
  const frames = [...s.during.longestFrames, ...s.after.longestFrames];
  const list = frames.map((f) => `\n    ${f}`).join('') || ' none over 50 ms';
  console.log(`  run ${i + 1}, longest animation frames (time from the scale command):${list}`);
  if (frames.some((f) => f.includes('no script'))) {
    console.log(
      '    (no script: in a Chromium trace, such frames are spent in Commit (to the compositor) or Paint)',
    );
  }
  if (!s.profile) return;
  const file = `${CACHE}/scale-up-${i + 1}.cpuprofile`;
  writeFileSync(file, JSON.stringify(s.profile));
  const top = topSelfTime(s.profile).map(([k, t]) => `\n    ${ms(t).padStart(8)}  ${k}`);
  console.log(`  run ${i + 1}, CPU profile of the main thread in ${file}; most self time:${top.join('')}`);
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(CACHE, { recursive: true });
  buildApp();
  const files = jsFiles(DIST);
  const server = await serve(DIST);
  const browser = await launch();
  try {
    const navs = [];
    for (let i = 0; i < RUNS; i++) {
      navs.push(await navigate(browser, server.url, files));
      process.stderr.write(`navigation ${i + 1}/${RUNS} done\n`);
    }
    reportNavigation(navs, browser.version());
    const scales = [];
    for (let i = 0; i < SCALE_RUNS; i++) {
      scales.push(await scaleUp(browser, server.url));
      process.stderr.write(`scale-up ${i + 1}/${SCALE_RUNS} done\n`);
    }
    if (scales.length) reportScale(scales);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`browser benchmark: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
