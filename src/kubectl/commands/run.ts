import { KubectlError } from '../errors';
import { printCreated, sendCreate } from '../createflow';
import { podFor, runServiceFor } from '../generators';
import { checkOutputFormat } from '../outfallback';
import type { Command, FlagSpec } from '../types';
import { dryRunFlag, fieldManagerFlag, printFlags, recordFlag, saveConfigFlag } from '../writeflags';
import { dryRunStrategy, enforcedNamespace, helpText, Outcome, requireFlags } from '../writeutil';

/**
 * `kubectl run NAME --image=...` (pkg/cmd/run/run.go): one pod, labelled `run=NAME` unless
 * --labels says otherwise, with what follows `--` as the container's args (or command).
 * Attaching (-i, -t, --attach) needs a terminal stream the simulator does not offer.
 */

const flags: FlagSpec[] = [
  dryRunFlag,
  ...printFlags,
  { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
  {
    name: 'attach',
    type: 'bool',
    usage:
      "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.",
  },
  {
    name: 'command',
    type: 'bool',
    usage:
      "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
  },
  { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
  {
    name: 'expose',
    type: 'bool',
    usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.',
  },
  fieldManagerFlag('kubectl-run'),
  { name: 'image', type: 'string', usage: 'The image for the container to run.' },
  {
    name: 'image-pull-policy',
    type: 'string',
    usage:
      'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.',
  },
  {
    name: 'labels',
    short: 'l',
    type: 'string',
    usage: 'Comma separated labels to apply to the pod. Will override previous values.',
  },
  {
    name: 'leave-stdin-open',
    type: 'bool',
    usage:
      'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.',
  },
  { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
  { name: 'privileged', type: 'bool', usage: 'If true, run the container in privileged mode.' },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress prompt messages.' },
  recordFlag,
  {
    name: 'restart',
    type: 'string',
    default: 'Always',
    usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never] (case-sensitive).',
  },
  {
    name: 'rm',
    type: 'bool',
    usage:
      "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
  },
  saveConfigFlag,
  {
    name: 'stdin',
    short: 'i',
    type: 'bool',
    usage: 'Keep stdin open on the container in the pod, even if nothing is attached.',
  },
  { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
];

/** distribution/reference's ReferenceRegexp: [domain/]path[:tag][@digest], lower-case path. */
const DOMAIN =
  '(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  help: helpText({
    long: ['Create and run a particular image in a pod.'],
    examples: [
      '# Start a nginx pod',
      'kubectl run nginx --image=nginx',
      '',
      '# Start a hazelcast pod and let the container expose port 5701',
      'kubectl run hazelcast --image=hazelcast/hazelcast --port=5701',
      '',
      '# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container',
      'kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"',
      '',
      '# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container',
      'kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"',
      '',
      '# Dry run; print the corresponding API objects without creating them',
      'kubectl run nginx --image=nginx --dry-run=client',
      '',
      '# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON',
      'kubectl run nginx --image=nginx --overrides=\'{ "apiVersion": "v1", "spec": { ... } }\'',
      '',
      "# Start a busybox pod and keep it in the foreground, don't restart it if it exits",
      'kubectl run -i -t busybox --image=busybox --restart=Never',
      '',
      '# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command',
      'kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>',
      '',
      '# Start the nginx pod using a different command and custom arguments',
      'kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>',
    ],
    use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
    flags,
  }),
  flags,
  run(args, f, env) {
    requireFlags(f, ['image']);
    const annotations = parsePairs(f.strings('annotations'), 'annotations');
    const labels = parseRunLabels(f.string('labels'));
    const envVars = f.strings('env').map(parseEnv);
    const restart = f.string('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
      throw new KubectlError(
        `invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`,
      );
    }
    const pull = f.string('image-pull-policy');
    if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull))
      throw new KubectlError(`invalid image pull policy: ${pull}`);
    const { strategy: dryRun, warning } = dryRunStrategy(f);
    const output = f.string('output');
    checkOutputFormat(output);
    const interactive = f.bool('stdin');
    const attach = f.changed('attach') ? f.bool('attach') : interactive;
    if (!args.length) throw new KubectlError('NAME is required for run');
    const image = f.string('image');
    if (!image) throw new KubectlError('--image is required');
    if (!REFERENCE.test(image))
      throw new KubectlError(`invalid image name "${image}": invalid reference format`);
    if (f.bool('tty') && !interactive)
      throw new KubectlError('-i/--stdin is required for containers with -t/--tty=true');
    const port = f.string('port');
    if (f.bool('expose') && !port) throw new KubectlError('--port must be set when exposing a service');
    if (port && !/^[+-]?\d+$/.test(port)) throw new KubectlError('--port must be a number');
    if (!attach && f.bool('rm')) throw new KubectlError('--rm should only be used for attached containers');
    if (attach && dryRun !== 'none') {
      throw new KubectlError(
        "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
      );
    }
    if (attach) {
      throw new KubectlError(
        'kubesim cannot attach to a container (-i, -t, --attach); run the pod without them, then use kubectl logs',
      );
    }
    const name = args[0]!;
    const podLabels = Object.keys(labels).length ? labels : { run: name };
    const namespace = enforcedNamespace(f, env.namespace);
    const pod = podFor({
      name,
      image,
      labels: podLabels,
      annotations,
      env: envVars,
      args: args.slice(1),
      command: f.bool('command'),
      ...(port ? { port: Number(port) } : {}),
      restartPolicy: restart,
      ...(pull ? { imagePullPolicy: pull } : {}),
      privileged: f.bool('privileged'),
      stdin: interactive,
      tty: f.bool('tty'),
      namespace,
    });
    const podType = env.api.registry.mustKind('Pod');
    // RunOptions.Run creates the pod, then the Service, which generateService prints at once (with
    // `---` after it for -o yaml); the pod is printed last, and a Service error comes after it.
    const created = sendCreate(pod, env, dryRun, undefined);
    const o = new Outcome();
    if (warning) o.err(warning);
    if (f.bool('expose')) {
      const svc = runServiceFor(name, Number(port), podLabels, labels, namespace);
      try {
        o.out(printCreated(sendCreate(svc, env, dryRun, undefined), env.api.registry.mustKind('Service'), 'created', output, dryRun));
        if (output === 'yaml') o.out('---\n');
      } catch (e) {
        o.fail(e);
      }
    }
    o.out(printCreated(created, podType, 'created', output, dryRun));
    return o.result();
  },
};

/** run.go parseLabels: `k=v,k2=v2`, each with exactly one `=`. */
function parseRunLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  for (const spec of s.split(',')) {
    const parts = spec.split('=');
    if (parts.length !== 2) throw new KubectlError(`unexpected label spec: ${spec}`);
    if (!parts[0]) throw new KubectlError('unexpected empty label key');
    out[parts[0]] = parts[1]!;
  }
  return out;
}

/** parseEnvs: NAME=VALUE with a valid environment variable name. */
function parseEnv(s: string): { name: string; value: string } {
  const i = s.indexOf('=');
  const name = i < 0 ? '' : s.slice(0, i);
  if (i < 0 || !name || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name))
    throw new KubectlError(`invalid env: ${s}`);
  return { name, value: s.slice(i + 1) };
}

/** cmdutil.ParsePairs without removals (`key=value` only). */
export function parsePairs(pairs: readonly string[], kind: string): Record<string, string> {
  const out: Record<string, string> = {};
  const invalid: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) out[p.slice(0, i)] = p.slice(i + 1);
    else invalid.push(p);
  }
  if (invalid.length) throw new KubectlError(`invalid ${kind} format: ${invalid.join(', ')}`);
  return out;
}
