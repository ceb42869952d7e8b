import { isDNS1123Subdomain } from '../../engine/apimachinery/validation';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { generatorHelp } from '../createflow';
import type { DataSource, ServiceType } from '../generators';
import { configMapFor, parseFileSource, parseLiteralSource, secretFor, serviceFor } from '../generators';
import type { Command, FlagSpec, KubectlEnv } from '../types';
import { dryRunFlag, fieldManagerFlag, printFlags, saveConfigFlag, validateFlag } from '../writeflags';
import { enforcedNamespace, requireFlags } from '../writeutil';
import { createGenerated, oneName } from './create';

/**
 * `kubectl create configmap`, `create secret generic` and `create service <type>`
 * (create_configmap.go, create_secret.go, create_service.go).
 */

const common = [dryRunFlag, ...printFlags, fieldManagerFlag('kubectl-create'), saveConfigFlag, validateFlag];

const dataFlags = (what: string) => [
  ...common,
  { name: 'append-hash', type: 'bool' as const, usage: `Append a hash of the ${what} to its name.` },
  {
    name: 'from-env-file',
    type: 'stringArray' as const,
    usage: `Specify the path to a file to read lines of key=val pairs to create a ${what}.`,
  },
  {
    name: 'from-file',
    type: 'stringArray' as const,
    usage:
      what === 'configmap'
        ? 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.'
        : 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.',
  },
  {
    name: 'from-literal',
    type: 'stringArray' as const,
    usage: `Specify a key and literal value to insert in ${what} (i.e. mykey=somevalue)`,
  },
];

/** --from-file: files as key (basename or given) = content; a directory gives each file in it. */
function fileSources(values: readonly string[], env: KubectlEnv): DataSource[] {
  const out: DataSource[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    const { key, path } = parseFileSource(v);
    const entries = env.io.readDir?.(path);
    if (entries) {
      if (v.includes('=')) throw new KubectlError('cannot give a key name for a directory path');
      for (const name of [...entries].sort()) {
        const p = `${path.replace(/\/+$/, '')}/${name}`;
        if (env.io.readDir?.(p)) continue;
        out.push({ key: name, value: read(p, env) });
      }
      continue;
    }
    out.push({ key, value: read(path, env) });
  }
  return out;
}

function read(path: string, env: KubectlEnv): string {
  try {
    if (!env.io.readFile) throw new Error('no such file or directory');
    return env.io.readFile(path);
  } catch {
    throw new KubectlError(`error reading ${path}: no such file or directory`);
  }
}

/** AddFromEnvFile: KEY=VALUE lines; blank lines and `#` comments skipped. */
function envFileSources(values: readonly string[], env: KubectlEnv): DataSource[] {
  const out: DataSource[] = [];
  for (const path of values.flatMap((x) => x.split(','))) {
    if (env.io.readDir?.(path)) throw new KubectlError('env config file cannot be a directory');
    const lines = read(path, env).split('\n');
    lines.forEach((raw, i) => {
      const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').trimStart();
      if (!line || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
        throw new KubectlError(
          `"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      }
      out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1) });
    });
  }
  return out;
}

function dataValidate(flags: ParsedFlags): void {
  if (
    flags.strings('from-env-file').length &&
    (flags.strings('from-file').length || flags.strings('from-literal').length)
  ) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
}

function configMapCommand(name: string): Command {
  const flags = dataFlags('configmap');
  return {
    name,
    short: 'Create a config map from a local file, directory or literal value',
    help: generatorHelp({
      long: [
        'Create a config map based on a file, directory, or specified literal value.',
        'A single config map may package one or more key/value pairs.',
        'When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.',
        'When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
      ],
      aliases: ['configmap', 'cm'],
      examples: [
        '# Create a new config map named my-config based on folder bar',
        'kubectl create configmap my-config --from-file=path/to/bar',
        '',
        '# Create a new config map named my-config with specified keys instead of file basenames on disk',
        'kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt',
        '',
        '# Create a new config map named my-config with key1=config1 and key2=config2',
        'kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2',
        '',
        '# Create a new config map named my-config from the key=value pairs in the file',
        'kubectl create configmap my-config --from-file=path/to/bar',
        '',
        '# Create a new config map named my-config from an env file',
        'kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
      ],
      use: 'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
      flags,
    }),
    flags,
    run(args, f, env) {
      const n = oneName(args, 'create configmap');
      dataValidate(f);
      const data = [
        ...fileSources(f.strings('from-file'), env),
        ...f.strings('from-literal').map(parseLiteralSource),
        ...envFileSources(f.strings('from-env-file'), env),
      ];
      const obj = configMapFor(n, data, enforcedNamespace(f, env.namespace));
      return createGenerated(obj, f, env, (e) => `failed to create configmap: ${e}`, true);
    },
  };
}

function secretGenericCommand(name: string): Command {
  const flags = [
    ...dataFlags('secret'),
    { name: 'type', type: 'string' as const, usage: 'The type of secret to create' },
  ];
  return {
    name,
    short: 'Create a secret from a local file, directory, or literal value',
    help: generatorHelp({
      long: [
        'Create a secret based on a file, directory, or specified literal value.',
        'A single secret may package one or more key/value pairs.',
        'When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.',
        'When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
      ],
      examples: [
        '# Create a new secret named my-secret with keys for each file in folder bar',
        'kubectl create secret generic my-secret --from-file=path/to/bar',
        '',
        '# Create a new secret named my-secret with specified keys instead of names on disk',
        'kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub',
        '',
        '# Create a new secret named my-secret with key1=supersecret and key2=topsecret',
        'kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret',
        '',
        '# Create a new secret named my-secret using a combination of a file and a literal',
        'kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret',
        '',
        '# Create a new secret named my-secret from env files',
        'kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
      ],
      use: 'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
      flags,
    }),
    flags,
    run(args, f, env) {
      const n = oneName(args, 'create secret generic');
      dataValidate(f);
      const data = [
        ...f.strings('from-literal').map(parseLiteralSource),
        ...fileSources(f.strings('from-file'), env),
        ...envFileSources(f.strings('from-env-file'), env),
      ];
      const obj = secretFor(n, f.string('type'), data, enforcedNamespace(f, env.namespace));
      return createGenerated(obj, f, env, (e) => `failed to create secret ${e}`, true);
    },
  };
}

// ------------------------------------------------------------------------------ create service

const tcpFlag: FlagSpec = {
  name: 'tcp',
  type: 'stringArray',
  usage: "Port pairs can be specified as '<port>:<targetPort>'.",
};

function serviceCommand(sub: string, type: ServiceType, alias: string): Command {
  const lower = type.toLowerCase();
  const flags: FlagSpec[] = [...common, tcpFlag];
  if (type === 'ClusterIP') {
    flags.push({
      name: 'clusterip',
      type: 'string',
      usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
    });
  }
  if (type === 'NodePort') {
    flags.push({
      name: 'node-port',
      type: 'int',
      usage: 'Port used to expose the service on each node in a cluster.',
    });
  }
  if (type === 'ExternalName') {
    flags.push({ name: 'external-name', type: 'string', usage: 'External name of service' });
  }
  const article = type === 'ExternalName' ? 'an' : 'a';
  return {
    name: `create ${alias} ${sub}`,
    short: `Create ${article} ${type} service`,
    help: generatorHelp({
      long: [`Create ${article} ${type} service with the specified name.`],
      examples: [
        `# Create a new ${type} service named my-${lower === 'clusterip' ? 'cs' : lower === 'nodeport' ? 'ns' : lower === 'loadbalancer' ? 'lbs' : 'ns'}`,
        type === 'ExternalName'
          ? 'kubectl create service externalname my-ns --external-name bar.com'
          : `kubectl create service ${lower} my-${lower === 'clusterip' ? 'cs' : lower === 'nodeport' ? 'ns' : 'lbs'} --tcp=5678:8080`,
      ],
      use:
        type === 'ExternalName'
          ? 'create service externalname NAME --external-name external.name [--dry-run=server|client|none]'
          : `create service ${lower} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]`,
      flags,
    }),
    flags,
    run(args, f, env) {
      if (type === 'ExternalName') requireFlags(f, ['external-name']);
      const n = oneName(args, `create service ${lower}`);
      const tcp = f.strings('tcp').flatMap((t) => t.split(','));
      const clusterIP = type === 'ClusterIP' ? f.string('clusterip') : '';
      if (clusterIP === 'None' && type !== 'ClusterIP') {
        throw new KubectlError('ClusterIP=None can only be used with ClusterIP service type');
      }
      if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName') {
        throw new KubectlError('at least one tcp port specifier must be provided');
      }
      const externalName = type === 'ExternalName' ? f.string('external-name') : '';
      if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length) {
        throw new KubectlError(`invalid service external name ${externalName}`);
      }
      const obj = serviceFor({
        name: n,
        type,
        tcp,
        nodePort: type === 'NodePort' ? f.int('node-port') : undefined,
        clusterIP,
        externalName,
        namespace: enforcedNamespace(f, env.namespace),
      });
      return createGenerated(obj, f, env, (e) => `failed to create ${type} service: ${e}`, false);
    },
  };
}

/** `create secret` / `create service` alone: their help on stderr, exit 1 (cobra's DefaultSubCommandRun). */
function parentCommand(name: string, short: string, help: string): Command {
  return {
    name,
    short,
    help,
    flags: [],
    run(args) {
      if (args.length) {
        return {
          stdout: '',
          stderr: `error: unknown command "${args[0]}" for "kubectl ${name}"\nSee 'kubectl ${name} -h' for help and examples\n`,
          exitCode: 1,
        };
      }
      return { stdout: '', stderr: help, exitCode: 1 };
    },
  };
}

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const createExtraCommands: Command[] = [
  parentCommand('create secret', 'Create a secret using a specified subcommand', SECRET_HELP),
  parentCommand('create service', 'Create a service using a specified subcommand', SERVICE_HELP),
  parentCommand('create svc', 'Create a service using a specified subcommand', SERVICE_HELP),
  configMapCommand('create configmap'),
  configMapCommand('create cm'),
  secretGenericCommand('create secret generic'),
  ...(['service', 'svc'] as const).flatMap((alias) => [
    serviceCommand('clusterip', 'ClusterIP', alias),
    serviceCommand('nodeport', 'NodePort', alias),
    serviceCommand('loadbalancer', 'LoadBalancer', alias),
    serviceCommand('externalname', 'ExternalName', alias),
  ]),
];
