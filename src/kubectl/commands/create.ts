import type { ObjectInput } from '../../engine/api/types';
import { KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import { generatorHelp, printCreated, sendCreate } from '../createflow';
import { deploymentFor, namespaceFor, serviceAccountFor } from '../generators';
import { isFailure, loadManifests, manifestNamespace } from '../manifests';
import { checkOutputFormat, printStructured } from '../outfallback';
import type { Command, CommandResult, KubectlEnv } from '../types';
import {
  dryRunFlag,
  fieldManagerFlag,
  filenameFlags,
  filenames,
  printFlags,
  saveConfigFlag,
  selectorFlag,
  validateFlag,
} from '../writeflags';
import {
  dryRunStrategy,
  enforcedNamespace,
  helpText,
  nameLine,
  Outcome,
  requireFlags,
  validationDirective,
  withDryRun,
  withLastApplied,
  withSource,
} from '../writeutil';

/**
 * `kubectl create -f` (pkg/cmd/create/create.go) and the simplest generators: deployment,
 * namespace, serviceaccount. Each document is created as it is read; failures are collected and
 * printed after the others, as kubectl's ContinueOnError visitor does.
 */

const createFlags = [
  dryRunFlag,
  ...printFlags,
  ...filenameFlags('to use to create the resource'),
  { name: 'edit', type: 'bool' as const, usage: 'Edit the API resource before creating' },
  fieldManagerFlag('kubectl-create'),
  {
    name: 'raw',
    type: 'string' as const,
    usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.',
  },
  saveConfigFlag,
  selectorFlag,
  validateFlag,
  {
    name: 'windows-line-endings',
    type: 'bool' as const,
    usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.',
  },
];

const createHelp = helpText({
  long: ['Create a resource from a file or from stdin.', 'JSON and YAML formats are accepted.'],
  examples: [
    '# Create a pod using the data in pod.json',
    'kubectl create -f ./pod.json',
    '',
    '# Create a pod based on the JSON passed into stdin',
    'cat pod.json | kubectl create -f -',
    '',
    '# Edit the data in registry.yaml in JSON then create the resource using the edited data',
    'kubectl create -f registry.yaml --edit -o json',
  ],
  use: 'create -f FILENAME',
  flags: createFlags,
  // Every subcommand kubectl 1.33 has, as its help lists them (Kubesim runs some of them).
  subcommands: {
    path: 'create',
    list: [
      ['clusterrole', 'Create a cluster role'],
      ['clusterrolebinding', 'Create a cluster role binding for a particular cluster role'],
      ['configmap', 'Create a config map from a local file, directory or literal value'],
      ['cronjob', 'Create a cron job with the specified name'],
      ['deployment', 'Create a deployment with the specified name'],
      ['ingress', 'Create an ingress with the specified name'],
      ['job', 'Create a job with the specified name'],
      ['namespace', 'Create a namespace with the specified name'],
      ['poddisruptionbudget', 'Create a pod disruption budget with the specified name'],
      ['priorityclass', 'Create a priority class with the specified name'],
      ['quota', 'Create a quota with the specified name'],
      ['role', 'Create a role with single rule'],
      ['rolebinding', 'Create a role binding for a particular role or cluster role'],
      ['secret', 'Create a secret using a specified subcommand'],
      ['service', 'Create a service using a specified subcommand'],
      ['serviceaccount', 'Create a service account with the specified name'],
      ['token', 'Request a service account token'],
    ],
  },
});

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  help: createHelp,
  flags: createFlags,
  run: (args, flags, env) => runCreateFiles(args, flags, env),
};

function runCreateFiles(args: string[], flags: ParsedFlags, env: KubectlEnv): CommandResult {
  const files = filenames(flags.strings('filename'));
  if (!files.length && !flags.string('kustomize')) {
    // cobra's DefaultSubCommandRun: the help, unless an argument names no known subcommand.
    const tail = args.length
      ? `error: unknown command "${args[0]}"\nSee 'kubectl create -h' for help and examples\n`
      : createHelp;
    return { stdout: '', stderr: 'Error: must specify one of -f and -k\n\n' + tail, exitCode: 1 };
  }
  if (args.length) throw new UsageError(`Unexpected args: [${args.join(' ')}]`, 'create');
  const { strategy: dryRun, warning } = dryRunStrategy(flags);
  const output = flags.string('output');
  checkOutputFormat(output);
  const fieldValidation = validationDirective(flags);
  const entries = loadManifests(files, env, {
    recursive: flags.bool('recursive'),
    validate: fieldValidation !== 'Ignore',
    enforceNamespace: flags.changed('namespace'),
  });
  const o = new Outcome();
  if (warning) o.err(warning);
  let count = 0;
  let printed = 0;
  for (const e of entries) {
    if (isFailure(e)) {
      o.fail(e.error);
      continue;
    }
    const t = env.api.registry.forObject(e.obj.apiVersion, e.obj.kind)!;
    let obj = structuredClone(e.obj) as ObjectInput;
    const ns = manifestNamespace(obj, env);
    if (ns) obj.metadata = { ...obj.metadata, namespace: ns };
    if (flags.bool('save-config')) obj = withLastApplied(obj, false);
    let result: ObjectInput = obj;
    if (dryRun !== 'client') {
      try {
        result = env.api.create(obj, {
          namespace: ns,
          dryRun: dryRun === 'server',
          fieldValidation,
          user: 'kubectl',
        });
      } catch (err) {
        o.fail(withSource('creating', e.source, err));
        continue;
      }
    }
    count++;
    if (output && output !== 'name') {
      o.out((printed++ && output === 'yaml' ? '---\n' : '') + printStructured(result, output));
    } else {
      o.out(nameLine(t, result.metadata?.name ?? '', withDryRun('created', dryRun), output === 'name'));
    }
  }
  if (count === 0 && !o.errors.length) throw new KubectlError('no objects passed to create');
  return o.result();
}

// ------------------------------------------------------------------------------ create deployment

const deploymentFlags = [
  dryRunFlag,
  ...printFlags,
  fieldManagerFlag('kubectl-create'),
  {
    name: 'image',
    type: 'stringArray' as const,
    usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.',
  },
  {
    name: 'port',
    type: 'int' as const,
    default: -1,
    usage: 'The containerPort that this deployment exposes.',
  },
  {
    name: 'replicas',
    short: 'r',
    type: 'int' as const,
    default: 1,
    usage: 'Number of replicas to create. Default is 1.',
  },
  saveConfigFlag,
  validateFlag,
];

function deploymentCommand(name: string): Command {
  return {
    name,
    short: 'Create a deployment with the specified name',
    help: generatorHelp({
      long: ['Create a deployment with the specified name.'],
      aliases: ['deployment', 'deploy'],
      examples: [
        '# Create a deployment named my-dep that runs the busybox image',
        'kubectl create deployment my-dep --image=busybox',
        '',
        '# Create a deployment with a command',
        'kubectl create deployment my-dep --image=busybox -- date',
        '',
        '# Create a deployment named my-dep that runs the nginx image with 3 replicas',
        'kubectl create deployment my-dep --image=nginx --replicas=3',
        '',
        '# Create a deployment named my-dep that runs the busybox image and expose port 5701',
        'kubectl create deployment my-dep --image=busybox --port=5701',
        '',
        '# Create a deployment named my-dep that runs multiple containers',
        'kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx',
      ],
      use: 'create deployment NAME --image=image -- [COMMAND] [args...]',
      flags: deploymentFlags,
    }),
    flags: deploymentFlags,
    run(args, flags, env) {
      requireFlags(flags, ['image']);
      // NameFromCommandArgs: exactly one argument before `--`; what follows is the container's command.
      const names = flags.argsLenAtDash === -1 ? args.length : flags.argsLenAtDash;
      if (names !== 1) throw new UsageError(`exactly one NAME is required, got ${names}`, 'create deployment');
      const images = flags.strings('image').flatMap((i) => i.split(','));
      const command = args.slice(1);
      if (images.length > 1 && command.length)
        throw new KubectlError('cannot specify multiple --image options and command');
      const obj = deploymentFor(
        {
          name: args[0]!,
          images,
          replicas: flags.int('replicas'),
          port: flags.int('port'),
          command,
          namespace: enforcedNamespace(flags, env.namespace),
        },
        env.api.random,
      );
      return createGenerated(obj, flags, env, (e) => `failed to create deployment: ${e}`, false);
    },
  };
}

// ------------------------------------------------------------------------------ namespace, sa

const simpleFlags = [
  dryRunFlag,
  ...printFlags,
  fieldManagerFlag('kubectl-create'),
  saveConfigFlag,
  validateFlag,
];

function namespaceCommand(name: string): Command {
  return {
    name,
    short: 'Create a namespace with the specified name',
    help: generatorHelp({
      long: ['Create a namespace with the specified name.'],
      aliases: ['namespace', 'ns'],
      examples: ['# Create a new namespace named my-namespace', 'kubectl create namespace my-namespace'],
      use: 'create namespace NAME [--dry-run=server|client|none]',
      flags: simpleFlags,
    }),
    flags: simpleFlags,
    run(args, flags, env) {
      const n = oneName(args, 'create namespace');
      return createGenerated(namespaceFor(n), flags, env, undefined, true);
    },
  };
}

function serviceAccountCommand(name: string): Command {
  return {
    name,
    short: 'Create a service account with the specified name',
    help: generatorHelp({
      long: ['Create a service account with the specified name.'],
      aliases: ['serviceaccount', 'sa'],
      examples: [
        '# Create a new service account named my-service-account',
        'kubectl create serviceaccount my-service-account',
      ],
      use: 'create serviceaccount NAME [--dry-run=server|client|none]',
      flags: simpleFlags,
    }),
    flags: simpleFlags,
    run(args, flags, env) {
      const n = oneName(args, 'create serviceaccount');
      const obj = serviceAccountFor(n, enforcedNamespace(flags, env.namespace));
      return createGenerated(obj, flags, env, (e) => `failed to create serviceaccount: ${e}`, false);
    },
  };
}

/** NameFromCommandArgs. */
export function oneName(args: readonly string[], command: string): string {
  if (args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${args.length}`, command);
  return args[0]!;
}

/**
 * The generators' common tail: `--save-config`, then (unless --dry-run=client) the POST, whose
 * failure each generator words its own way; then the name line or the object.
 */
export function createGenerated(
  obj: ObjectInput,
  flags: ParsedFlags,
  env: KubectlEnv,
  wrapError: ((message: string) => string) | undefined,
  fieldValidation: boolean,
): CommandResult {
  const { strategy: dryRun, warning } = dryRunStrategy(flags);
  const output = flags.string('output');
  checkOutputFormat(output);
  const directive = validationDirective(flags);
  const toSend = flags.bool('save-config') ? withLastApplied(obj, true) : obj;
  const result = sendCreate(toSend, env, dryRun, fieldValidation ? directive : undefined, wrapError);
  const t = env.api.registry.forObject(obj.apiVersion, obj.kind)!;
  return {
    stdout: printCreated(result, t, 'created', output, dryRun),
    stderr: warning ? warning + '\n' : '',
    exitCode: 0,
  };
}

export const createCommands: Command[] = [
  createCommand,
  deploymentCommand('create deployment'),
  deploymentCommand('create deploy'),
  namespaceCommand('create namespace'),
  namespaceCommand('create ns'),
  serviceAccountCommand('create serviceaccount'),
  serviceAccountCommand('create sa'),
];
