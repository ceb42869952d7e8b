import type { KubeObject } from '../../engine/api/types';
import { KubectlError, UsageError } from '../errors';
import { printCreated, sendCreate } from '../createflow';
import { exposeServiceFor } from '../generators';
import { checkOutputFormat } from '../outfallback';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, FlagSpec } from '../types';
import {
  dryRunFlag,
  fieldManagerFlag,
  filenameFlags,
  filenames,
  printFlags,
  recordFlag,
  saveConfigFlag,
} from '../writeflags';
import { compareBytes, dryRunStrategy, enforcedNamespace, helpText } from '../writeutil';

/**
 * `kubectl expose` (pkg/cmd/expose/expose.go with the service/v2 generator): a Service whose
 * selector, ports and labels come from the exposed pod, service, deployment or replica set
 * unless the flags say otherwise.
 */

const str = (name: string, usage: string, short?: string): FlagSpec => ({
  name,
  type: 'string',
  usage,
  ...(short ? { short } : {}),
});

const flags: FlagSpec[] = [
  dryRunFlag,
  ...printFlags,
  ...filenameFlags('identifying the resource to expose a service'),
  str(
    'cluster-ip',
    "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
  ),
  str(
    'external-ip',
    'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.',
  ),
  fieldManagerFlag('kubectl-expose'),
  str('labels', 'Labels to apply to the service created by this call.', 'l'),
  str(
    'load-balancer-ip',
    'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).',
  ),
  str('name', 'The name for the newly created object.'),
  str('override-type', 'The method used to override the generated object: json, merge, or strategic.'),
  str(
    'overrides',
    'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
  ),
  str(
    'port',
    'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
  ),
  str('protocol', "The network protocol for the service to be created. Default is 'TCP'."),
  recordFlag,
  saveConfigFlag,
  str(
    'selector',
    'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
  ),
  str(
    'session-affinity',
    "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
  ),
  str(
    'target-port',
    'Name or number for the port on the container that the service should direct traffic to. Optional.',
  ),
  str(
    'type',
    "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
  ),
];

const EXPOSABLE = ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'];

interface Workload {
  metadata: KubeObject['metadata'];
  spec?: {
    selector?:
      Record<string, string> | { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
    ports?: Array<{ port: number; protocol?: string }>;
    containers?: Array<{ ports?: Array<{ containerPort: number; protocol?: string }> }>;
    template?: {
      spec?: { containers?: Array<{ ports?: Array<{ containerPort: number; protocol?: string }> }> };
    };
  };
}

export const exposeCommand: Command = {
  name: 'expose',
  short:
    'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  help: helpText({
    long: [
      'Expose a resource as a new Kubernetes service.',
      'Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.',
      'Possible resources include (case insensitive):',
      'pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)',
    ],
    examples: [
      '# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000',
      'kubectl expose rc nginx --port=80 --target-port=8000',
      '',
      '# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"',
      'kubectl expose pod valid-pod --port=444 --name=frontend',
      '',
      '# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"',
      'kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https',
      '',
      '# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000',
      'kubectl expose rs nginx --port=80 --target-port=8000',
      '',
      '# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000',
      'kubectl expose deployment nginx --port=80 --target-port=8000',
    ],
    use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
    flags,
  }),
  flags,
  run(args, f, env) {
    const { strategy: dryRun, warning } = dryRunStrategy(f);
    const output = f.string('output');
    checkOutputFormat(output);
    let entries;
    try {
      entries = resolveTargets(args, env, {
        filenames: filenames(f.strings('filename')),
        recursive: f.bool('recursive'),
        fetch: true,
      });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e), 'expose');
    }
    let stdout = '';
    for (const entry of entries) {
      if (isTargetError(entry)) throw entry.error;
      const { type } = entry;
      if (!EXPOSABLE.includes(type.kind))
        throw new KubectlError(`cannot expose a ${type.group ? `${type.kind}.${type.group}` : type.kind}`);
      const obj = entry.obj as unknown as Workload;
      const selector = f.string('selector') ? parseLabels(f.string('selector')) : selectorOf(type.kind, obj);
      const headless = f.string('cluster-ip') === 'None';
      let ports = f.string('port') ? [f.string('port')] : portsOf(type.kind, obj).map((p) => String(p.port));
      if (!ports.length && !headless)
        throw new UsageError("couldn't find port via --port flag or introspection", 'expose');
      if (f.string('port')) ports = [f.string('port')];
      const protocols: Record<string, string> = {};
      for (const p of portsOf(type.kind, obj)) if (p.protocol) protocols[String(p.port)] = p.protocol;
      const labels = f.string('labels')
        ? parseLabels(f.string('labels'))
        : { ...(obj.metadata.labels ?? {}) };
      const svc = exposeServiceFor({
        name: f.string('name') || entry.name.slice(0, 63),
        selector,
        labels,
        ports,
        protocol: f.string('protocol'),
        protocols,
        targetPort: f.string('target-port'),
        type: f.string('type'),
        clusterIP: f.string('cluster-ip'),
        externalIP: f.string('external-ip'),
        loadBalancerIP: f.string('load-balancer-ip'),
        sessionAffinity: sessionAffinity(f.string('session-affinity')),
        namespace: enforcedNamespace(f, env.namespace),
      });
      const created = sendCreate(svc, env, dryRun, undefined);
      stdout += printCreated(created, env.api.registry.mustKind('Service'), 'exposed', output, dryRun);
    }
    return { stdout, stderr: warning ? warning + '\n' : '', exitCode: 0 };
  },
};

function sessionAffinity(v: string): string {
  if (v && v !== 'None' && v !== 'ClientIP') throw new KubectlError(`unknown session affinity: ${v}`);
  return v;
}

/** MapBasedSelectorForObject. */
function selectorOf(kind: string, obj: Workload): Record<string, string> {
  const fail = (msg: string) =>
    new UsageError(`couldn't retrieve selectors via --selector flag or introspection: ${msg}`, 'expose');
  if (kind === 'Pod') {
    if (!Object.keys(obj.metadata.labels ?? {}).length)
      throw fail('the pod has no labels and cannot be exposed');
    return sorted(obj.metadata.labels ?? {});
  }
  if (kind === 'Service' || kind === 'ReplicationController') {
    const sel = obj.spec?.selector as Record<string, string> | undefined;
    if (!sel)
      throw fail(
        kind === 'Service'
          ? 'the service has no pod selector set'
          : 'the replication controller has no selector',
      );
    return sorted(sel);
  }
  const sel = obj.spec?.selector as
    { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
  if (sel?.matchExpressions?.length) {
    throw fail(
      `couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`,
    );
  }
  return sorted(sel?.matchLabels ?? {});
}

/** PortsForObject (and ProtocolsForObject): the container ports, or a service's ports. */
function portsOf(kind: string, obj: Workload): Array<{ port: number; protocol?: string }> {
  if (kind === 'Service')
    return (obj.spec?.ports ?? []).map((p) => ({
      port: p.port,
      ...(p.protocol ? { protocol: p.protocol } : {}),
    }));
  const containers = kind === 'Pod' ? obj.spec?.containers : obj.spec?.template?.spec?.containers;
  return (containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({ port: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}) })),
  );
}

function sorted(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => compareBytes(a, b)));
}

/** generate.ParseLabels: `k=v,k2=v2`. */
function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2 || !kv[0]) throw new KubectlError(`invalid label spec: ${pair}`);
    out[kv[0]] = kv[1]!;
  }
  return out;
}
