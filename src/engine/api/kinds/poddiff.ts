import { goNumber, goQuote } from '../../apimachinery/validation';
import { deepEqual } from '../types';
import type { Json } from './podspec';

/**
 * The diff ValidatePodUpdate appends to "pod updates may not change fields other than ...": upstream
 * prints `cmp.Diff(oldPod.Spec, mungedPodSpec)` over the internal core.PodSpec. This renders the
 * same shape (fields in Go order, `- `/`+ ` lines for what changed, two unchanged neighbours as
 * context, `... // N identical fields` for the rest) with values in Go syntax; nested structures
 * are printed whole on one line where go-cmp would recurse into them.
 */
interface GoField {
  json: string;
  go: string;
  pointer?: boolean;
  type?: string;
}

/** core.PodSpec's fields in declaration order (v1.33). */
const POD_SPEC_FIELDS: GoField[] = [
  { json: 'volumes', go: 'Volumes', type: '[]core.Volume' },
  { json: 'initContainers', go: 'InitContainers', type: '[]core.Container' },
  { json: 'containers', go: 'Containers', type: '[]core.Container' },
  { json: 'ephemeralContainers', go: 'EphemeralContainers', type: '[]core.EphemeralContainer' },
  { json: 'restartPolicy', go: 'RestartPolicy' },
  { json: 'terminationGracePeriodSeconds', go: 'TerminationGracePeriodSeconds', pointer: true },
  { json: 'activeDeadlineSeconds', go: 'ActiveDeadlineSeconds', pointer: true },
  { json: 'dnsPolicy', go: 'DNSPolicy' },
  { json: 'nodeSelector', go: 'NodeSelector', type: 'map[string]string' },
  { json: 'serviceAccountName', go: 'ServiceAccountName' },
  { json: 'automountServiceAccountToken', go: 'AutomountServiceAccountToken', pointer: true },
  { json: 'nodeName', go: 'NodeName' },
  { json: 'securityContext', go: 'SecurityContext', pointer: true, type: 'core.PodSecurityContext' },
  { json: 'imagePullSecrets', go: 'ImagePullSecrets', type: '[]core.LocalObjectReference' },
  { json: 'hostname', go: 'Hostname' },
  { json: 'subdomain', go: 'Subdomain' },
  { json: 'setHostnameAsFQDN', go: 'SetHostnameAsFQDN', pointer: true },
  { json: 'affinity', go: 'Affinity', pointer: true, type: 'core.Affinity' },
  { json: 'schedulerName', go: 'SchedulerName' },
  { json: 'tolerations', go: 'Tolerations', type: '[]core.Toleration' },
  { json: 'hostAliases', go: 'HostAliases', type: '[]core.HostAlias' },
  { json: 'priorityClassName', go: 'PriorityClassName' },
  { json: 'priority', go: 'Priority', pointer: true },
  { json: 'preemptionPolicy', go: 'PreemptionPolicy', pointer: true },
  { json: 'dnsConfig', go: 'DNSConfig', pointer: true, type: 'core.PodDNSConfig' },
  { json: 'readinessGates', go: 'ReadinessGates', type: '[]core.PodReadinessGate' },
  { json: 'runtimeClassName', go: 'RuntimeClassName', pointer: true },
  { json: 'overhead', go: 'Overhead', type: 'core.ResourceList' },
  { json: 'enableServiceLinks', go: 'EnableServiceLinks', pointer: true },
  { json: 'topologySpreadConstraints', go: 'TopologySpreadConstraints', type: '[]core.TopologySpreadConstraint' },
  { json: 'os', go: 'OS', pointer: true, type: 'core.PodOS' },
  { json: 'schedulingGates', go: 'SchedulingGates', type: '[]core.PodSchedulingGate' },
  { json: 'resourceClaims', go: 'ResourceClaims', type: '[]core.PodResourceClaim' },
  { json: 'resources', go: 'Resources', pointer: true, type: 'core.ResourceRequirements' },
];

/** In the internal type the host namespaces live in the pod security context. */
const HOST_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers'];

function goFieldName(json: string): string {
  return json.charAt(0).toUpperCase() + json.slice(1);
}

/** JSON objects that are Go maps (quoted keys) rather than structs. */
const MAP_FIELDS = new Set(['limits', 'requests', 'nodeSelector', 'matchLabels', 'labels', 'annotations', 'overhead']);

/** A JSON value in Go composite-literal syntax, as go-cmp prints nested values (types elided). */
function goValue(v: unknown, isMap = false): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map((x) => goValue(x)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .map((k) => `${isMap ? goQuote(k) : goFieldName(k)}: ${goValue(o[k], MAP_FIELDS.has(k))}`)
    .join(', ')}}`;
}

function render(f: GoField, v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (f.pointer) {
    if (typeof v === 'object') return `&${f.type ?? ''}${goValue(v)}`;
    return `&${goValue(v)}`;
  }
  if (typeof v === 'object' && f.type) return `${f.type}${goValue(v, f.type.startsWith('map[') || f.type === 'core.ResourceList')}`;
  return goValue(v);
}

function internalView(spec: Json): Json {
  const out: Json = { ...spec };
  const host = HOST_FIELDS.filter((k) => spec[k] !== undefined);
  if (host.length) {
    const sc: Json = { ...((spec.securityContext as Json | undefined) ?? {}) };
    for (const k of host) sc[k] = spec[k];
    out.securityContext = sc;
  }
  return out;
}

/** cmp.Diff(old, new) for two pod specs, as it follows the "may not change" message. */
export function podSpecDiff(oldSpec: Json, newSpec: Json): string {
  const a = internalView(oldSpec);
  const b = internalView(newSpec);
  const changed = POD_SPEC_FIELDS.map((f) => !deepEqual(a[f.json] ?? null, b[f.json] ?? null));
  const shown = changed.map((c, i) => c || changed.slice(Math.max(0, i - 2), i + 3).some(Boolean));
  const lines: string[] = ['  core.PodSpec{'];
  let run: Array<{ prefix: string; name: string; value: string }> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => r.name.length));
    for (const r of run) lines.push(`${r.prefix}\t${(r.name + ':').padEnd(width + 1)} ${r.value},`);
    run = [];
  };
  let skipped = 0;
  POD_SPEC_FIELDS.forEach((f, i) => {
    if (!shown[i]) {
      skipped++;
      return;
    }
    if (skipped) {
      flush();
      lines.push(`  \t... // ${skipped} identical ${skipped === 1 ? 'field' : 'fields'}`);
      skipped = 0;
    }
    if (changed[i]) {
      run.push({ prefix: '- ', name: f.go, value: render(f, a[f.json]) });
      run.push({ prefix: '+ ', name: f.go, value: render(f, b[f.json]) });
    } else {
      run.push({ prefix: '  ', name: f.go, value: render(f, a[f.json]) });
    }
  });
  flush();
  if (skipped) lines.push(`  \t... // ${skipped} identical ${skipped === 1 ? 'field' : 'fields'}`);
  lines.push('  }');
  return lines.join('\n') + '\n';
}
