import { badRequest } from '../../engine/api/errors';
import type { ResourceType } from '../../engine/api/resources';
import type { KubeObject, ObjectInput } from '../../engine/api/types';
import { deepEqual } from '../../engine/api/types';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  isPatchError,
  patchMetaFor,
} from '../../engine/apimachinery/merge';
import { goQuote } from '../../engine/apimachinery/validation';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { goJsonSyntaxError } from '../jsonsyntax';
import { isFailure, loadManifests, manifestNamespace, YamlError, yamlToJson } from '../manifests';
import { checkOutputFormat, printStructured } from '../outfallback';
import { isTargetError, MISSING_RESOURCE, resolveTargets } from '../targets';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import { dryRunFlag, fieldManagerFlag, filenameFlags, filenames, printFlags, recordFlag } from '../writeflags';
import { dryRunStrategy, goJson, helpText, kindPrefix, Outcome, type DryRun } from '../writeutil';

/**
 * `kubectl patch` (pkg/cmd/patch/patch.go): the patch is read from `-p` or `--patch-file`, turned
 * into JSON by util/yaml.ToJSON (a `{`-prefixed patch is sent as it is, anything else is YAML),
 * and sent to each object the builder finds; the server applies it. With `--local` or
 * `--dry-run=client` kubectl applies it itself. The line says `patched`, or `patched (no change)`
 * when the object that came back equals the one the builder read.
 */

type PatchType = 'json' | 'merge' | 'strategic';
type Subresource = 'status' | 'scale';

const PATCH_TYPES: readonly PatchType[] = ['json', 'merge', 'strategic'];
const SUBRESOURCES: readonly Subresource[] = ['status', 'scale'];

/** The request body: decoded JSON, or a `{`-prefixed text that is not JSON (the server refuses it). */
type Body = { value: unknown } | { raw: string; syntax: string };

/** One object the builder visits: where it is, and the object as the builder has it. */
interface Info {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  /** What the builder read: the live object (or its subresource) for arguments, the file's for -f. */
  object: ObjectInput;
}

/**
 * A visit: the file's object, or a named one that RetrieveLazy GETs just before it is patched (so
 * `patch svc web web` reads the second time what the first patch wrote).
 */
type Entry = { info: () => Info } | { error: unknown };

/** unicode.IsSpace, which util/yaml's hasJSONPrefix trims before looking for `{`. */
const JSON_PREFIX = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\{/;

/** util/yaml.ToJSON. `shown` is the `-p` text kubectl quotes in its error (empty for --patch-file). */
function patchBody(text: string, shown: string): Body {
  if (JSON_PREFIX.test(text)) {
    const syntax = goJsonSyntaxError(text);
    return syntax ? { raw: text, syntax } : { value: JSON.parse(text) as unknown };
  }
  try {
    return { value: yamlToJson(text) ?? null };
  } catch (e) {
    if (e instanceof YamlError) throw new KubectlError(`unable to parse ${goQuote(shown)}: ${e.message}`);
    throw e;
  }
}

function readPatchFile(path: string, env: KubectlEnv): string {
  if (env.io.readDir?.(path)) throw new KubectlError(`unable to read patch file: read ${path}: is a directory`);
  try {
    if (env.io.readFile) return env.io.readFile(path);
  } catch {
    // os.ReadFile's error, whatever the host's words for it.
  }
  throw new KubectlError(`unable to read patch file: open ${path}: no such file or directory`);
}

/** How encoding/json names a JSON value in `cannot unmarshal X into ...`. */
function jsonKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * getPatchedJSON: the patch applied by kubectl itself (--local, --dry-run=client), with the
 * libraries' own errors: json-patch's (`doc is missing key` reworded as kubectl does), merge patch's
 * `Invalid JSON Patch`, strategic merge's decoding error.
 */
function patchLocally(type: PatchType, obj: ObjectInput, body: Body): ObjectInput {
  if ('raw' in body) throw new KubectlError(type === 'merge' ? 'Invalid JSON Patch' : body.syntax);
  const v = body.value;
  let out: unknown;
  try {
    if (type === 'json') out = applyJsonPatch(obj, v);
    else if (type === 'merge') {
      if (v === null) throw new KubectlError('Invalid JSON Patch');
      out = applyMergePatch(obj, v);
    } else if (v === null) out = obj;
    else if (typeof v !== 'object' || Array.isArray(v)) {
      throw new KubectlError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
    } else out = applyStrategicMergePatch(obj, v, patchMetaFor(obj.kind ?? ''));
  } catch (e) {
    if (!isPatchError(e)) throw e;
    const msg = e.message;
    const at = msg.indexOf('key:');
    throw new KubectlError(
      type === 'json' && msg.includes('doc is missing key')
        ? `Object to be patched is missing field (${msg.slice(at + 5)})`
        : msg,
    );
  }
  // runtime.Decode with the unstructured scheme: the result must still be an object with a kind.
  const o = out as ObjectInput | null;
  if (!o || typeof o !== 'object' || Array.isArray(o) || !o.kind) {
    throw new KubectlError(`Object 'Kind' is missing in '${goJson(out)}'`);
  }
  return o;
}

/** The objects to patch, as the builder visits them; per-object failures stay in order. */
function visit(args: string[], f: ParsedFlags, env: KubectlEnv, local: boolean, sub: Subresource | undefined): Entry[] {
  const files = filenames(f.strings('filename'));
  if (files.length) {
    // visitByPaths: `TYPE NAME` are resource arguments, `TYPE/NAME` tuples.
    if (args.some((a) => a.includes('/'))) {
      throw new KubectlError('resource/name arguments cannot be provided when a path is specified');
    }
    if (args.length) {
      throw new KubectlError(
        'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
      );
    }
    return loadManifests(files, env, {
      recursive: f.bool('recursive'),
      enforceNamespace: f.changed('namespace'),
    }).map((m) => {
      if (isFailure(m)) return { error: m.error };
      const info: Info = {
        type: env.api.registry.forObject(m.obj.apiVersion, m.obj.kind)!,
        namespace: manifestNamespace(m.obj, env),
        name: m.obj.metadata?.name ?? '',
        object: m.obj,
      };
      return { info: () => info };
    });
  }
  if (local) throw new KubectlError(MISSING_RESOURCE);
  return resolveTargets(args, env).map((t) => {
    if (isTargetError(t)) return { error: t.error };
    return {
      info: () => ({
        ...t,
        object: sub
          ? env.api.getSubresource(t.type.kind, t.namespace, t.name, sub)
          : env.api.get<KubeObject>(t.type.kind, t.namespace, t.name),
      }),
    };
  });
}

/** The name printer's `scale.autoscaling/web`: kind and group of the object printed. */
function nameOf(obj: ObjectInput): string {
  const apiVersion = obj.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return `${kindPrefix({ kind: obj.kind ?? '', group })}/${obj.metadata?.name ?? ''}`;
}

interface Run {
  type: PatchType;
  body: Body;
  sub: Subresource | undefined;
  dryRun: DryRun;
  local: boolean;
  output: string;
  env: KubectlEnv;
  o: Outcome;
  /** kubectl's warning writer deduplicates: a warning prints once per command. */
  warned: Set<string>;
}

function patchOne(r: Run, info: Info): void {
  let result: ObjectInput;
  if (!r.local && r.dryRun !== 'client') {
    const { kind } = info.type;
    if ('raw' in r.body) {
      // The server reads the object before it decodes the body: a missing one is NotFound first.
      if (r.sub) r.env.api.getSubresource(kind, info.namespace, info.name, r.sub);
      else r.env.api.get(kind, info.namespace, info.name);
      throw badRequest(r.type === 'strategic' ? r.body.syntax : `error decoding patch: ${r.body.syntax}`);
    }
    const warnings: string[] = [];
    result = r.env.api.patch<KubeObject>(kind, info.namespace, info.name, r.type, r.body.value, {
      dryRun: r.dryRun === 'server',
      user: 'kubectl',
      warnings,
      ...(r.sub ? { subresource: r.sub } : {}),
    });
    for (const w of warnings) {
      if (!r.warned.has(w)) r.o.err(`Warning: ${w}`);
      r.warned.add(w);
    }
  } else {
    result = patchLocally(r.type, info.object, r.body);
  }
  // PrintFlagsWithDryRunStrategy runs before ToPrinter sets the operation, so kubectl patch never
  // says "(dry run)": the suffix is overwritten (upstream's label had the same bug until 1.25).
  const word = deepEqual(info.object, result) ? 'patched (no change)' : 'patched';
  checkOutputFormat(r.output);
  r.o.out(
    r.output && r.output !== 'name'
      ? printStructured(result, r.output)
      : `${nameOf(result)}${r.output === 'name' ? '' : ` ${word}`}\n`,
  );
}

function run(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const o = new Outcome();
  try {
    const { strategy: dryRun, warning } = dryRunStrategy(f);
    if (warning) o.err(warning);
    const patch = f.string('patch');
    const patchFile = f.string('patch-file');
    const local = f.bool('local');
    const typeFlag = f.string('type');
    const subFlag = f.string('subresource');
    if (patch && patchFile) throw new KubectlError('cannot specify --patch and --patch-file together');
    if (!patch && !patchFile) {
      throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    }
    if (local && args.length) throw new KubectlError('cannot specify --local and server resources');
    if (local && dryRun === 'server') {
      throw new KubectlError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    }
    const type = typeFlag ? PATCH_TYPES.find((t) => t === typeFlag.toLowerCase()) : 'strategic';
    if (!type) throw new KubectlError(`--type must be one of [json merge strategic], not ${goQuote(typeFlag)}`);
    const sub = SUBRESOURCES.find((s) => s === subFlag);
    if (subFlag && !sub) {
      throw new KubectlError(`invalid subresource value: ${goQuote(subFlag)}. Must be one of [status scale]`);
    }
    const body = patchBody(patchFile ? readPatchFile(patchFile, env) : patch, patch);
    const r: Run = { type, body, sub, dryRun, local, output: f.string('output'), env, o, warned: new Set() };
    let count = 0;
    for (const e of visit(args, f, env, local, sub)) {
      let info: Info;
      try {
        if ('error' in e) throw e.error;
        info = e.info();
      } catch (err) {
        o.fail(err);
        continue;
      }
      count++;
      try {
        patchOne(r, info);
      } catch (err) {
        o.fail(err);
      }
    }
    if (count === 0 && !o.errors.length) throw new KubectlError('no objects passed to patch');
  } catch (e) {
    o.fail(e);
  }
  return o.result();
}

const flags: FlagSpec[] = [
  dryRunFlag,
  fieldManagerFlag('kubectl-patch'),
  ...filenameFlags('identifying the resource to update'),
  {
    name: 'local',
    type: 'bool',
    usage: 'If true, patch will operate on the content of the file, not the server-side resource.',
  },
  { name: 'patch', short: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
  { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
  ...printFlags,
  recordFlag,
  {
    name: 'subresource',
    type: 'string',
    usage:
      'If specified, patch will operate on the subresource of the requested object. Must be one of [status scale].',
  },
  {
    name: 'type',
    type: 'string',
    default: 'strategic',
    usage: 'The type of patch being provided; one of [json merge strategic]',
  },
];

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  help: helpText({
    long: [
      'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.',
      'JSON and YAML formats are accepted.',
      'Note: Strategic merge patch is not supported for custom resources.',
    ],
    examples: [
      '# Partially update a node using a strategic merge patch, specifying the patch as JSON',
      `kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'`,
      '',
      '# Partially update a node using a strategic merge patch, specifying the patch as YAML',
      "kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'",
      '',
      '# Partially update a node identified by the type and name specified in "node.json" using strategic merge patch',
      `kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'`,
      '',
      "# Update a container's image; spec.containers[*].name is required because it's a merge key",
      `kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'`,
      '',
      "# Update a container's image using a JSON patch with positional arrays",
      `kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'`,
      '',
      "# Update a deployment's replicas through the 'scale' subresource using a merge patch",
      `kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
    ],
    use: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
    flags,
  }),
  flags,
  run,
};
