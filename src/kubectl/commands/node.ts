import type { KubeObject } from '../../engine/api/types';
import { validateLabelKey, validateLabelValue } from '../../engine/apimachinery/labels';
import { KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import { checkOutputFormat, printStructured } from '../outfallback';
import type { Target } from '../targets';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import { dryRunFlag, fieldManagerFlag, printFlags, selectorFlag } from '../writeflags';
import type { DryRun } from '../writeutil';
import { dryRunStrategy, helpText, nameLine, Outcome, withDryRun } from '../writeutil';
import { calculatePatch } from './rollout-actions';

/**
 * `kubectl cordon`, `uncordon` and `taint` (pkg/cmd/drain's cordon helper, pkg/cmd/taint):
 * spec.unschedulable and spec.taints, changed through a two-way strategic merge patch.
 */

type Node = KubeObject & { spec: { unschedulable?: boolean; taints?: Taint[] } };
interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

/** The nodes named (or selected with -l) as the drain command's builder finds them. */
export function nodeTargets(
  args: string[],
  f: ParsedFlags,
  env: KubectlEnv,
  command: string,
  use: string,
): Target[] {
  const selector = f.string('selector');
  if (!args.length && !f.changed('selector')) throw new UsageError(`USAGE: ${use} [flags]`, command);
  if (args.length && selector)
    throw new UsageError('error: cannot specify both a node name and a --selector option', command);
  const resolved = args.length
    ? resolveTargets(
        args.map((a) => (a.includes('/') ? a : `nodes/${a}`)),
        env,
        { fetch: true },
      )
    : resolveTargets(['nodes'], env, { selector, allowEmptySelector: true });
  const out: Target[] = [];
  for (const e of resolved) {
    if (isTargetError(e)) throw e.error;
    if (e.type.kind !== 'Node')
      throw new KubectlError(
        `error: expected resource of type node, got "${e.type.group ? `${e.type.group}/` : '/'}${e.type.version}, Resource=${e.type.plural}"`,
      );
    out.push(e);
  }
  return out;
}

/**
 * RunCordonOrUncordon: `node/x cordoned`, `already cordoned`, or an error line per node that
 * could not be patched (the command itself carries on and succeeds).
 */
export function cordonNodes(
  nodes: Target[],
  desired: boolean,
  env: KubectlEnv,
  dryRun: DryRun,
  o: Outcome,
): void {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const n of nodes) {
    const node = n.obj as Node;
    if (!!node.spec.unschedulable === desired) {
      o.out(nameLine(n.type, n.name, withDryRun(`already ${verb}ed`, dryRun)));
      continue;
    }
    if (dryRun !== 'client') {
      const patch = calculatePatch(node, (copy) => {
        const spec = (copy as Node).spec;
        if (desired) spec.unschedulable = true;
        else delete spec.unschedulable;
      });
      try {
        env.api.patch('Node', undefined, n.name, 'strategic', patch, {
          dryRun: dryRun === 'server',
          user: 'kubectl',
        });
      } catch (e) {
        o.err(`error: unable to ${verb} node "${n.name}": ${(e as Error).message}`);
        continue;
      }
    }
    o.out(nameLine(n.type, n.name, withDryRun(`${verb}ed`, dryRun)));
  }
}

function cordonCommand(desired: boolean): Command {
  const name = desired ? 'cordon' : 'uncordon';
  const flags: FlagSpec[] = [dryRunFlag, selectorFlag];
  return {
    name,
    short: desired ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    help: helpText({
      long: [desired ? 'Mark node as unschedulable.' : 'Mark node as schedulable.'],
      examples: [`# Mark node "foo" as ${desired ? 'unschedulable' : 'schedulable'}`, `kubectl ${name} foo`],
      use: `${name} NODE`,
      flags,
    }),
    flags,
    run(args, f, env) {
      const { strategy: dryRun, warning } = dryRunStrategy(f);
      const nodes = nodeTargets(args, f, env, name, `${name} NODE`);
      const o = new Outcome();
      if (warning) o.err(warning);
      cordonNodes(nodes, desired, env, dryRun, o);
      return o.result();
    },
  };
}

// ------------------------------------------------------------------------------------ taint

/** taints.parseTaint: `key[=value]:Effect` (or just `key` / `key:Effect` when removing). */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key = '';
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    }
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new KubectlError(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = validateLabelValue(value);
      if (errs.length) throw new KubectlError(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new KubectlError(`invalid taint spec: ${spec}`);
  const errs = validateLabelKey(key);
  if (errs.length) throw new KubectlError(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

/** ParseTaints: additions need an effect and must be unique by key and effect. */
function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new KubectlError(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      throw new KubectlError(
        `duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`,
      );
    }
    add.push(t);
  }
  return { add, remove };
}

/** reorganizeTaints: the new list (additions first, then the old ones they do not replace) and the word. */
function reorganize(
  old: Taint[],
  add: Taint[],
  remove: Taint[],
  overwrite: boolean,
): { taints: Taint[]; word: string } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint "${taintString(r)}" not found`);
  }
  if (errors.length) throw new KubectlError(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
  const word = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, word };
}

const taintFlags: FlagSpec[] = [
  { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
  dryRunFlag,
  fieldManagerFlag('kubectl-taint'),
  ...printFlags,
  {
    name: 'overwrite',
    type: 'bool',
    usage:
      'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.',
  },
  selectorFlag,
  {
    name: 'validate',
    type: 'string',
    default: 'strict',
    noOptDefault: 'strict',
    usage: 'Must be one of: strict (or true), warn, ignore (or false).',
  },
];

const taintCommand: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  help: helpText({
    long: [
      'Update the taints on one or more nodes.',
      '* A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.',
      '* The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.',
      "* Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.",
      '* The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.',
      '* The effect must be NoSchedule, PreferNoSchedule or NoExecute.',
      '* Currently taint can only apply to node.',
    ],
    examples: [
      "# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'",
      '# If a taint with that key and effect already exists, its value is replaced as specified',
      'kubectl taint nodes foo dedicated=special-user:NoSchedule',
      '',
      "# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists",
      'kubectl taint nodes foo dedicated:NoSchedule-',
      '',
      "# Remove from node 'foo' all the taints with key 'dedicated'",
      'kubectl taint nodes foo dedicated-',
      '',
      "# Add a taint with key 'dedicated' on nodes having label myLabel=X",
      'kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule',
      '',
      "# Add to node 'foo' a taint with key 'bar' and no value",
      'kubectl taint nodes foo bar:NoSchedule',
    ],
    use: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
    flags: taintFlags,
  }),
  flags: taintFlags,
  run: (args, f, env) => runTaint(args, f, env),
};

function runTaint(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length)
      throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  const output = f.string('output');
  checkOutputFormat(output);
  const { strategy: dryRun, warning } = dryRunStrategy(f);
  if (!resources.length)
    throw new KubectlError('one or more resources must be specified as <resource> <name>');
  if (!taintArgs.length) throw new KubectlError('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (e) {
    throw new UsageError((e as Error).message, 'taint');
  }
  const type = resources[0]!.toLowerCase();
  if (type !== 'node' && type !== 'nodes')
    throw new KubectlError(`invalid resource type ${resources[0]}, only ["node" "nodes"] are supported`);
  const conflicts = parsed.add.flatMap((a) =>
    parsed.remove
      .filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect))
      .map((r) => `{"${r.key}":"${r.effect ?? ''}"}`),
  );
  if (conflicts.length) {
    throw new KubectlError(
      `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
    );
  }
  const all = f.bool('all');
  const selector = f.string('selector');
  if (all && selector)
    throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) {
    throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
  }
  const entries =
    all || selector
      ? resolveTargets(['nodes'], env, { selector, allowEmptySelector: true })
      : resolveTargets(['nodes', ...resources.slice(1)], env, { fetch: true });
  const o = new Outcome();
  if (warning) o.err(warning);
  for (const e of entries) {
    if (isTargetError(e)) {
      o.fail(e.error);
      continue;
    }
    const node = e.obj as Node;
    const old = node.spec.taints ?? [];
    try {
      if (!f.bool('overwrite')) {
        const exists = parsed.add
          .filter((t) => old.some((x) => x.key === t.key && x.effect === t.effect))
          .map((t) => t.key);
        if (exists.length) {
          throw new KubectlError(
            `node ${e.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`,
          );
        }
      }
      const { taints, word } = reorganize(old, parsed.add, parsed.remove, f.bool('overwrite'));
      let result: unknown = node;
      if (dryRun !== 'client') {
        const patch = calculatePatch(node, (copy) => {
          const spec = (copy as Node).spec;
          if (taints.length) spec.taints = taints;
          else delete spec.taints;
        });
        result = env.api.patch('Node', undefined, e.name, 'strategic', patch, {
          dryRun: dryRun === 'server',
          user: 'kubectl',
        });
      }
      o.out(
        output && output !== 'name'
          ? printStructured(result, output)
          : nameLine(e.type, e.name, withDryRun(word, dryRun), output === 'name'),
      );
    } catch (err) {
      o.fail(err);
    }
  }
  return o.result();
}

export const nodeCommands: Command[] = [cordonCommand(true), cordonCommand(false), taintCommand];
