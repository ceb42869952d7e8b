#!/usr/bin/env node
// `npm run bench`: the engine part, then the browser part. `--engine` or `--browser` runs one of them.
//
// Engine: bundles the benchmark as the app ships the engine (minified names, no tsx keepNames wrappers,
// which put a property bag on every closure) and runs it in plain Node.
// Browser: bench/browser.bench.mjs builds the app and measures it in Chromium, in its own process.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

async function engine() {
  const out = 'node_modules/.cache/kubesim/engine.bench.mjs';
  mkdirSync('node_modules/.cache/kubesim', { recursive: true });
  await build({
    entryPoints: ['bench/engine.bench.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
    packages: 'external',
  });
  const nodeArgs = (process.env.KUBESIM_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const r = spawnSync(process.execPath, [...process.execArgv, ...nodeArgs, out], { stdio: 'inherit' });
  return r.status ?? 1;
}

function browser() {
  return spawnSync(process.execPath, ['bench/browser.bench.mjs'], { stdio: 'inherit' }).status ?? 1;
}

const args = process.argv.slice(2);
const only = args.includes('--engine') ? 'engine' : args.includes('--browser') ? 'browser' : null;
let status = 0;
if (only !== 'browser') status = await engine();
if (only !== 'engine') {
  if (only === null) console.log('');
  status = browser() || status;
}
process.exit(status);
