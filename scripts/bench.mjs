#!/usr/bin/env node
// `npm run bench`: bundles the benchmark as the app ships the engine (minified names, no tsx
// keepNames wrappers, which put a property bag on every closure) and runs it in plain Node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

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
const r = spawnSync(process.execPath, [...process.execArgv, ...(process.env.KUBESIM_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), out], { stdio: 'inherit' });
process.exit(r.status ?? 1);
