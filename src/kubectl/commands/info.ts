import { apiVersionOf } from '../../engine/api/resources';
import type { ResourceType } from '../../engine/api/resources';
import { explain, renderExplain } from '../../engine/api/schema';
import { KUBERNETES_VERSION } from '../../engine/version';
import { KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import { tabulate } from '../printers/tabwriter';
import { resolveType, stringSlice } from '../resource-args';
import type { Command, KubectlEnv } from '../types';
import { ok } from '../types';

/**
 * The commands that describe the API rather than objects: api-resources, api-versions, explain,
 * version and cluster-info, with kubectl's layouts and messages.
 */

const KUSTOMIZE_VERSION = 'v5.6.0';
const SERVER = 'https://127.0.0.1:6443';
const GLOBAL_FOOTER = '\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';

// ---------------------------------------------------------------------------------------------
// api-resources

function apiResources(args: string[], flags: ParsedFlags, env: KubectlEnv) {
  if (args.length) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`, 'api-resources');
  const output = flags.string('output');
  if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`--output ${output} is not available`);
  const sortBy = flags.string('sort-by');
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('--sort-by accepts only name or kind');
  const verbs = stringSlice(flags, 'verbs');
  const categories = stringSlice(flags, 'categories');
  const rows = env.api.registry.all().filter((t) => {
    if (flags.changed('api-group') && flags.string('api-group') !== t.group) return false;
    if (flags.changed('namespaced') && flags.bool('namespaced') !== t.namespaced) return false;
    if (verbs.some((v) => !t.verbs.includes(v))) return false;
    if (categories.some((c) => !t.categories.includes(c))) return false;
    return true;
  });
  const key = (t: ResourceType) => (sortBy === 'name' ? t.plural : sortBy === 'kind' ? t.kind : t.group);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(key(a), key(b)) || cmp(a.plural, b.plural));
  if (output === 'name') return ok(rows.map((t) => (t.group ? `${t.plural}.${t.group}\n` : `${t.plural}\n`)).join(''));
  const table: string[][] = [];
  if (!flags.bool('no-headers')) {
    table.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]);
  }
  for (const t of rows) {
    const row = [t.plural, t.shortNames.join(','), apiVersionOf(t), String(t.namespaced), t.kind];
    if (output === 'wide') row.push(t.verbs.join(','), t.categories.join(','));
    table.push(row);
  }
  return ok(tabulate(table));
}

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers." },
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned.' },
    { name: 'verbs', type: 'stringArray', usage: 'Limit to resources that support the specified verbs.' },
    { name: 'categories', type: 'stringArray', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
  ],
  help: `Print the supported API resources on the server.

Examples:
  # Print the supported API resources
  kubectl api-resources

  # Print the supported API resources with more information
  kubectl api-resources -o wide

  # Print the supported API resources sorted by a column
  kubectl api-resources --sort-by=name

  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true

  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false

  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io

Options:
    --api-group='':
\tLimit to resources in the specified API group.

    --cached=false:
\tUse the cached list of resources if available.

    --categories=[]:
\tLimit to resources that belong to the specified categories.

    --namespaced=true:
\tIf false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.

    --no-headers=false:
\tWhen using the default or custom-column output format, don't print headers (default print headers).

    -o, --output='':
\tOutput format. One of: (json, yaml, name, wide).

    --sort-by='':
\tIf non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.

    --verbs=[]:
\tLimit to resources that support the specified verbs.

Usage:
  kubectl api-resources [flags] [options]
${GLOBAL_FOOTER}`,
  run: apiResources,
};

// ---------------------------------------------------------------------------------------------
// api-versions

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  flags: [],
  help: `Print the supported API versions on the server, in the form of "group/version".

Examples:
  # Print the supported API versions
  kubectl api-versions

Usage:
  kubectl api-versions [options]
${GLOBAL_FOOTER}`,
  run(args, _flags, env) {
    if (args.length) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`, 'api-versions');
    const versions = [...new Set(env.api.registry.all().map((t) => apiVersionOf(t)))].sort();
    return ok(versions.map((v) => v + '\n').join(''));
  },
};

// ---------------------------------------------------------------------------------------------
// explain

function runExplain(args: string[], flags: ParsedFlags, env: KubectlEnv) {
  if (args.length === 0) {
    throw new KubectlError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (args.length > 1) throw new KubectlError('error: We accept only this format: explain RESOURCE');
  const [resource = '', ...fieldPath] = args[0]!.replace(/\.$/, '').split('.');
  const t = resolveType(env.api.registry, resource);
  let apiVersion = apiVersionOf(t);
  if (flags.changed('api-version')) {
    apiVersion = flags.string('api-version');
    if (apiVersion !== apiVersionOf(t)) throw new KubectlError(`error: couldn't find resource for "${t.group ? `${t.group}/` : ''}${apiVersion.split('/').pop()}, Kind=${t.kind}"`);
  }
  const r = explain({ apiVersion, kind: t.kind }, fieldPath, { recursive: flags.bool('recursive') });
  if (!r) throw new KubectlError(`error: field "${fieldPath[fieldPath.length - 1] ?? ''}" does not exist`);
  return ok(renderExplain(r));
}

export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [
    { name: 'recursive', type: 'bool', usage: 'When true, print the name of all the fields recursively.' },
    { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema.' },
  ],
  help: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple
JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get all the fields in the resource
  kubectl explain pods --recursive

  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers

Options:
    --api-version='':
\tUse given api-version (group/version) of the resource.

    --output='plaintext':
\tFormat in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).

    --recursive=false:
\tWhen true, print the name of all the fields recursively. Otherwise, print the available fields with their
\tdescription.

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2]
[options]
${GLOBAL_FOOTER}`,
  run: runExplain,
};

// ---------------------------------------------------------------------------------------------
// version

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  help: `Print the client and server version information for the current context.

Examples:
  # Print the client and server versions for the current context
  kubectl version

Options:
    --client=false:
\tIf true, shows client version only (no server required).

    -o, --output='':
\tOne of 'yaml' or 'json'.

Usage:
  kubectl version [flags] [options]
${GLOBAL_FOOTER}`,
  run(args, flags) {
    if (args.length) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`, 'version');
    const output = flags.string('output');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw new KubectlError("--output must be 'yaml' or 'json'");
    if (output !== '') throw new KubectlError(`--output ${output} is not available in this simulator`);
    let out = `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (!flags.bool('client')) out += `Server Version: ${KUBERNETES_VERSION}\n`;
    return ok(out);
  },
};

// ---------------------------------------------------------------------------------------------
// cluster-info

interface ServiceLike {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { ports?: Array<{ name?: string; port: number }> };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}

function serviceLink(svc: ServiceLike): string {
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const ip = ingress.ip || ingress.hostname || '';
    return (svc.spec?.ports ?? []).map((p) => `http://${ip}:${p.port} `).join('');
  }
  let name = svc.metadata.name;
  const port = svc.spec?.ports?.[0];
  if (port) {
    const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
    if (scheme) name = `${scheme}:${name}:${port.name ?? ''}`;
    else if (port.name) name = `${name}:${port.name}`;
  }
  return `${SERVER}/api/v1/namespaces/${svc.metadata.namespace ?? ''}/services/${name}/proxy`;
}

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  flags: [],
  help: `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and
diagnose cluster problems, use 'kubectl cluster-info dump'.

Examples:
  # Print the address of the control plane and cluster services
  kubectl cluster-info

Usage:
  kubectl cluster-info [flags] [options]
${GLOBAL_FOOTER}`,
  run(args, flags, env) {
    if (args.length) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`, 'cluster-info');
    const ns = flags.changed('namespace') ? env.namespace : 'kube-system';
    let out = `Kubernetes control plane is running at ${SERVER}\n`;
    const services = env.api.list<ServiceLike>('Service', ns, { labelSelector: 'kubernetes.io/cluster-service=true' }).items;
    for (const svc of services) {
      out += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${serviceLink(svc)}\n`;
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    return ok(out);
  },
};

export const infoCommands: Command[] = [apiResourcesCommand, apiVersionsCommand, explainCommand, versionCommand, clusterInfoCommand];
