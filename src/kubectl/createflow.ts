import { StatusError } from '../engine/api/errors';
import type { ResourceType } from '../engine/api/resources';
import type { ObjectInput } from '../engine/api/types';
import { KubectlError } from './errors';
import { printStructured, printTypedJson } from './outfallback';
import type { KubectlEnv } from './types';
import type { DryRun, HelpSpec } from './writeutil';
import { helpText, nameLine, withDryRun } from './writeutil';

/**
 * The tail every imperative create shares (create <generator>, run, expose): POST unless
 * --dry-run=client, then print `kind/name created` or the object in the asked format.
 */
export function sendCreate(
  obj: ObjectInput,
  env: KubectlEnv,
  dryRun: DryRun,
  fieldValidation: 'Strict' | 'Warn' | 'Ignore' | undefined,
  wrapError?: (message: string) => string,
): ObjectInput {
  if (dryRun === 'client') return obj;
  try {
    return env.api.create(obj, {
      namespace: obj.metadata?.namespace || env.namespace,
      dryRun: dryRun === 'server',
      ...(fieldValidation ? { fieldValidation } : {}),
      user: 'kubectl',
    });
  } catch (e) {
    // Generators wrap with fmt.Errorf("failed to create ...: %v", err): the API reason is lost.
    if (wrapError && e instanceof StatusError) throw new KubectlError(wrapError(e.message));
    throw e;
  }
}

/** PrintObj with the name printer (`created`, `exposed`) or the structured one. */
export function printCreated(
  obj: ObjectInput,
  t: ResourceType,
  operation: string,
  output: string,
  dryRun: DryRun,
): string {
  // The generator's own (typed) object prints in struct order; the server's answer as decoded JSON.
  if (output === 'json' && dryRun === 'client') return printTypedJson(obj);
  if (output && output !== 'name') return printStructured(obj, output);
  return nameLine(t, obj.metadata?.name ?? '', withDryRun(operation, dryRun), output === 'name');
}

export function generatorHelp(spec: HelpSpec): string {
  return helpText(spec);
}
