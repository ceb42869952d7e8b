import type { ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/api/types';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import type { Target } from '../targets';
import { isTargetError, resolveTargets } from '../targets';
import type { KubectlEnv } from '../types';
import { filenames } from '../writeflags';

/** What the rollout subcommands share: the revision annotation, the workload shape, the target lookup. */
export const REVISION = 'deployment.kubernetes.io/revision';

export type Workload = KubeObject & {
  spec: {
    replicas?: number;
    paused?: boolean;
    template?: { metadata?: { labels?: Record<string, string> } };
    updateStrategy?: { type?: string };
  };
  status?: Record<string, number | undefined> & { conditions?: Array<{ type: string; reason?: string }> };
};

/** Resolves exactly one object for status/history/undo, with kubectl's argument errors. */
export function targetsOf(args: string[], f: ParsedFlags, env: KubectlEnv): Target[] {
  const files = filenames(f.strings('filename'));
  if (!args.length && !files.length) throw new KubectlError('required resource not specified');
  const out: Target[] = [];
  for (const e of resolveTargets(args, env, {
    filenames: files,
    recursive: f.bool('recursive'),
    fetch: true,
  })) {
    if (isTargetError(e)) throw e.error;
    out.push(e);
  }
  return out;
}

export function groupKind(t: ResourceType): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}
