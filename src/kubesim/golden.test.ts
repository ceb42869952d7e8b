import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { runSession } from './session';

/**
 * Golden transcripts: every `testdata/sessions/*.sh` is replayed against a fresh default cluster and
 * its output compared with the `.out` file beside it. When behaviour changes on purpose, rewrite them
 * with `npm run test:update` and review the diff.
 *
 * A script may start with `# kubesim: --nodes N --seed S` to choose its cluster.
 */
const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, 'testdata', 'sessions');
const update = process.env.KUBESIM_UPDATE_GOLDENS === '1';

function clusterOptions(script: string): { workers: number; seed: number | string } {
  const m = /^# kubesim:(.*)$/m.exec(script);
  const opts = { workers: 3, seed: 1 as number | string };
  if (!m) return opts;
  const n = /--nodes[= ](\d+)/.exec(m[1]!);
  const s = /--seed[= ](\S+)/.exec(m[1]!);
  if (n) opts.workers = Number(n[1]);
  if (s) opts.seed = /^\d+$/.test(s[1]!) ? Number(s[1]) : s[1]!;
  return opts;
}

export function replay(file: string): { output: string; exitCode: number } {
  const script = readFileSync(file, 'utf8');
  const cluster = createCluster(clusterOptions(script));
  const base = dirname(file);
  const r = runSession(script, {
    cluster,
    readFile: (p) => {
      const full = resolve(base, p);
      if (!existsSync(full)) throw new Error(`the path "${p}" does not exist`);
      return readFileSync(full, 'utf8');
    },
    readDir: (p) => {
      const full = resolve(base, p);
      return existsSync(full) && statSync(full).isDirectory() ? readdirSync(full).sort() : undefined;
    },
  });
  return { output: r.output, exitCode: r.exitCode };
}

const scripts = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sh')).sort() : [];

describe('kubesim golden sessions', () => {
  it('has session scripts to replay', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  for (const name of scripts) {
    it(`replays ${name} exactly`, () => {
      const file = join(dir, name);
      const golden = file.replace(/\.sh$/, '.out');
      const { output, exitCode } = replay(file);
      const actual = output + (exitCode !== 0 ? `[exit status ${exitCode}]\n` : '');
      if (update) {
        writeFileSync(golden, actual);
        return;
      }
      if (!existsSync(golden)) throw new Error(`${golden} is missing: run \`npm run test:update\` and review it`);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
