/**
 * Derives the Kubernetes API schema the engine validates and explains with, from the TypeScript
 * declarations of the `kubernetes-types` package (whose JSDoc comments are the OpenAPI
 * descriptions), and writes src/engine/api/generated/schema.json.
 *
 *   npm run gen:schema            (tsx scripts/gen-schema.ts)
 *
 * The declarations are parsed with the TypeScript compiler API (syntax only: every type we need is
 * an interface, an alias or an inline `{[name: string]: T}` map). What the declarations cannot say
 * (int32 or int64, Go's named string types, OpenAPI enums, []byte fields) comes from the small
 * tables below, taken from the Go API types (k8s.io/api v0.30).
 *
 * The output is deterministic: definitions, properties and kinds are sorted.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Definition, PropSchema, PropType, SchemaFile } from '../src/engine/api/schema.ts';

// ---------------------------------------------------------------------------------------------
// What the declarations do not carry.

/** The API group versions whose kinds the simulator serves. */
const GROUP_MODULES = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'networking/v1',
  'policy/v1',
  'storage/v1',
  'coordination/v1',
  'discovery/v1',
  'events/v1',
  'rbac/v1',
];

const INTSTR_DEF = 'util/intstr.IntOrString';
/** kubernetes-types inlines IntOrString as `number | string`; this is its OpenAPI description. */
const INTSTR_DESCRIPTION =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';

/** Integer fields that are int64 in Go (every other integer in these groups is int32). */
const INT64_FIELDS = new Set([
  'meta/v1.ObjectMeta.generation',
  'meta/v1.ObjectMeta.deletionGracePeriodSeconds',
  'meta/v1.ListMeta.remainingItemCount',
  'meta/v1.Condition.observedGeneration',
  'meta/v1.DeleteOptions.gracePeriodSeconds',
  'core/v1.PodSpec.activeDeadlineSeconds',
  'core/v1.PodSpec.terminationGracePeriodSeconds',
  'core/v1.Probe.terminationGracePeriodSeconds',
  'core/v1.SleepAction.seconds',
  'core/v1.PodSecurityContext.runAsUser',
  'core/v1.PodSecurityContext.runAsGroup',
  'core/v1.PodSecurityContext.fsGroup',
  'core/v1.PodSecurityContext.supplementalGroups',
  'core/v1.SecurityContext.runAsUser',
  'core/v1.SecurityContext.runAsGroup',
  'core/v1.Toleration.tolerationSeconds',
  'core/v1.ServiceAccountTokenProjection.expirationSeconds',
  'core/v1.ContainerImage.sizeBytes',
  'core/v1.ReplicationControllerStatus.observedGeneration',
  'apps/v1.ControllerRevision.revision',
  'apps/v1.DaemonSetStatus.observedGeneration',
  'apps/v1.DeploymentStatus.observedGeneration',
  'apps/v1.ReplicaSetStatus.observedGeneration',
  'apps/v1.StatefulSetStatus.observedGeneration',
  'batch/v1.JobSpec.activeDeadlineSeconds',
  'batch/v1.CronJobSpec.startingDeadlineSeconds',
  'autoscaling/v1.HorizontalPodAutoscalerStatus.observedGeneration',
  'autoscaling/v2.HorizontalPodAutoscalerStatus.observedGeneration',
  'policy/v1.PodDisruptionBudgetStatus.observedGeneration',
  'storage/v1.TokenRequest.expirationSeconds',
]);

/** String fields holding base64 []byte in Go. */
const BYTES_FIELDS = new Set(['core/v1.Secret.data', 'core/v1.ConfigMap.binaryData']);

/** Go named types the declarations flatten to string / map / array (for the decoder's messages). */
const GO_TYPES: Record<string, string> = {
  'core/v1.Container.imagePullPolicy': 'v1.PullPolicy',
  'core/v1.EphemeralContainer.imagePullPolicy': 'v1.PullPolicy',
  'core/v1.Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'core/v1.EphemeralContainer.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'core/v1.Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'core/v1.EphemeralContainer.restartPolicy': 'v1.ContainerRestartPolicy',
  'core/v1.ContainerPort.protocol': 'v1.Protocol',
  'core/v1.ServicePort.protocol': 'v1.Protocol',
  'core/v1.EndpointPort.protocol': 'v1.Protocol',
  'core/v1.PortStatus.protocol': 'v1.Protocol',
  'networking/v1.NetworkPolicyPort.protocol': 'v1.Protocol',
  'discovery/v1.EndpointPort.protocol': 'v1.Protocol',
  'core/v1.PodSpec.restartPolicy': 'v1.RestartPolicy',
  'core/v1.PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'core/v1.PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'core/v1.PodSpec.overhead': 'v1.ResourceList',
  'core/v1.ResourceRequirements.limits': 'v1.ResourceList',
  'core/v1.ResourceRequirements.requests': 'v1.ResourceList',
  'core/v1.VolumeResourceRequirements.limits': 'v1.ResourceList',
  'core/v1.VolumeResourceRequirements.requests': 'v1.ResourceList',
  'core/v1.LimitRangeItem.max': 'v1.ResourceList',
  'core/v1.LimitRangeItem.min': 'v1.ResourceList',
  'core/v1.LimitRangeItem.default': 'v1.ResourceList',
  'core/v1.LimitRangeItem.defaultRequest': 'v1.ResourceList',
  'core/v1.LimitRangeItem.maxLimitRequestRatio': 'v1.ResourceList',
  'core/v1.ResourceQuotaSpec.hard': 'v1.ResourceList',
  'core/v1.ResourceQuotaStatus.hard': 'v1.ResourceList',
  'core/v1.ResourceQuotaStatus.used': 'v1.ResourceList',
  'core/v1.NodeStatus.capacity': 'v1.ResourceList',
  'core/v1.NodeStatus.allocatable': 'v1.ResourceList',
  'core/v1.PersistentVolumeSpec.capacity': 'v1.ResourceList',
  'core/v1.PersistentVolumeClaimStatus.capacity': 'v1.ResourceList',
  'core/v1.PersistentVolumeClaimStatus.allocatedResources': 'v1.ResourceList',
  'core/v1.ContainerStatus.allocatedResources': 'v1.ResourceList',
  'core/v1.ServiceSpec.type': 'v1.ServiceType',
  'core/v1.ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'core/v1.ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'core/v1.ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'core/v1.ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'core/v1.ServiceSpec.ipFamilies': 'v1.IPFamily',
  'core/v1.Secret.type': 'v1.SecretType',
  'core/v1.Toleration.operator': 'v1.TolerationOperator',
  'core/v1.Toleration.effect': 'v1.TaintEffect',
  'core/v1.Taint.effect': 'v1.TaintEffect',
  'core/v1.NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'meta/v1.LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'core/v1.PersistentVolumeClaimSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'core/v1.PersistentVolumeSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'core/v1.PersistentVolumeClaimSpec.volumeMode': 'v1.PersistentVolumeMode',
  'core/v1.PersistentVolumeSpec.volumeMode': 'v1.PersistentVolumeMode',
  'core/v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'core/v1.Capabilities.add': 'v1.Capability',
  'core/v1.Capabilities.drop': 'v1.Capability',
  'core/v1.VolumeMount.mountPropagation': 'v1.MountPropagationMode',
  'core/v1.HostPathVolumeSource.type': 'v1.HostPathType',
  'core/v1.EmptyDirVolumeSource.medium': 'v1.StorageMedium',
  'core/v1.HTTPGetAction.scheme': 'v1.URIScheme',
  'core/v1.TopologySpreadConstraint.whenUnsatisfiable': 'v1.UnsatisfiableConstraintAction',
  'core/v1.TopologySpreadConstraint.nodeAffinityPolicy': 'v1.NodeInclusionPolicy',
  'core/v1.TopologySpreadConstraint.nodeTaintsPolicy': 'v1.NodeInclusionPolicy',
  'core/v1.PodSecurityContext.fsGroupChangePolicy': 'v1.PodFSGroupChangePolicy',
  'core/v1.SeccompProfile.type': 'v1.SeccompProfileType',
  'core/v1.PodOS.name': 'v1.OSName',
  'core/v1.NamespaceSpec.finalizers': 'v1.FinalizerName',
  'core/v1.PodStatus.phase': 'v1.PodPhase',
  'core/v1.PodStatus.qosClass': 'v1.PodQOSClass',
  'core/v1.NamespaceStatus.phase': 'v1.NamespacePhase',
  'core/v1.ContainerResizePolicy.resourceName': 'v1.ResourceName',
  'core/v1.ContainerResizePolicy.restartPolicy': 'v1.ResourceResizeRestartPolicy',
  'apps/v1.DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'apps/v1.StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'apps/v1.DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'apps/v1.StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'batch/v1.CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'batch/v1.JobSpec.completionMode': 'v1.CompletionMode',
  'batch/v1.JobSpec.podReplacementPolicy': 'v1.PodReplacementPolicy',
  'batch/v1.PodFailurePolicyRule.action': 'v1.PodFailurePolicyAction',
  'batch/v1.PodFailurePolicyOnExitCodesRequirement.operator': 'v1.PodFailurePolicyOnExitCodesOperator',
  'networking/v1.HTTPIngressPath.pathType': 'v1.PathType',
  'networking/v1.NetworkPolicySpec.policyTypes': 'v1.PolicyType',
  'storage/v1.StorageClass.reclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'storage/v1.StorageClass.volumeBindingMode': 'v1.VolumeBindingMode',
  'discovery/v1.EndpointSlice.addressType': 'v1.AddressType',
  'autoscaling/v2.MetricSpec.type': 'v2.MetricSourceType',
  'autoscaling/v2.MetricTarget.type': 'v2.MetricTargetType',
  'autoscaling/v2.HPAScalingRules.selectPolicy': 'v2.ScalingPolicySelect',
  'autoscaling/v2.HPAScalingPolicy.type': 'v2.HPAScalingPolicyType',
  'policy/v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': 'v1.UnhealthyPodEvictionPolicyType',
};

/** OpenAPI enums (fields marked +enum in k8s.io/api), sorted as the OpenAPI document lists them. */
const ENUMS: Record<string, string[]> = {
  'apps/v1.DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'apps/v1.StatefulSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'apps/v1.DaemonSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'apps/v1.StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'batch/v1.CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'batch/v1.JobSpec.completionMode': ['Indexed', 'NonIndexed'],
  'batch/v1.JobSpec.podReplacementPolicy': ['Failed', 'TerminatingOrFailed'],
  'batch/v1.PodFailurePolicyRule.action': ['Count', 'FailIndex', 'FailJob', 'Ignore'],
  'batch/v1.PodFailurePolicyOnExitCodesRequirement.operator': ['In', 'NotIn'],
  'core/v1.PodSpec.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'core/v1.PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'core/v1.PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'core/v1.Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core/v1.EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core/v1.Container.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'core/v1.EphemeralContainer.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'core/v1.ContainerPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'core/v1.ServicePort.protocol': ['SCTP', 'TCP', 'UDP'],
  'core/v1.ServiceSpec.type': ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  'core/v1.ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'core/v1.ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'core/v1.ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'core/v1.ServiceSpec.ipFamilyPolicy': ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  'core/v1.Toleration.operator': ['Equal', 'Exists'],
  'core/v1.Toleration.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'core/v1.Taint.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'core/v1.NodeSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
  'core/v1.HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'core/v1.TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'core/v1.TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'core/v1.TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'core/v1.PodSecurityContext.fsGroupChangePolicy': ['Always', 'OnRootMismatch'],
  'core/v1.SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'core/v1.HostPathVolumeSource.type': [
    '',
    'BlockDevice',
    'CharDevice',
    'Directory',
    'DirectoryOrCreate',
    'File',
    'FileOrCreate',
    'Socket',
  ],
  'core/v1.PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'core/v1.PersistentVolumeSpec.volumeMode': ['Block', 'Filesystem'],
  'core/v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'core/v1.VolumeMount.mountPropagation': ['Bidirectional', 'HostToContainer', 'None'],
  'core/v1.PodStatus.phase': ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
  'core/v1.PodStatus.qosClass': ['BestEffort', 'Burstable', 'Guaranteed'],
  'core/v1.NamespaceStatus.phase': ['Active', 'Terminating'],
  'networking/v1.HTTPIngressPath.pathType': ['Exact', 'ImplementationSpecific', 'Prefix'],
  'storage/v1.StorageClass.reclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'storage/v1.StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
};

// ---------------------------------------------------------------------------------------------
// Parsing.

interface Module {
  path: string; // "core/v1"
  source: ts.SourceFile;
  text: string;
  /** Local name -> "module.Name" for imported names. */
  imports: Map<string, string>;
  interfaces: Map<string, ts.InterfaceDeclaration>;
  aliases: Map<string, ts.TypeAliasDeclaration>;
}

const require_ = createRequire(import.meta.url);
const typesRoot = dirname(require_.resolve('kubernetes-types/package.json'));
const typesVersion = (
  JSON.parse(readFileSync(join(typesRoot, 'package.json'), 'utf8')) as { version: string }
).version;

const modules = new Map<string, Module>();

function loadModule(path: string): Module {
  const existing = modules.get(path);
  if (existing) return existing;
  const file = join(typesRoot, `${path}.d.ts`);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const mod: Module = { path, source, text, imports: new Map(), interfaces: new Map(), aliases: new Map() };
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const spec = stmt.moduleSpecifier.text; // "../meta/v1", "../runtime"
      const target = join(dirname(path), spec).replace(/\\/g, '/');
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          mod.imports.set(el.name.text, `${target}.${(el.propertyName ?? el.name).text}`);
        }
      }
    } else if (ts.isInterfaceDeclaration(stmt)) {
      mod.interfaces.set(stmt.name.text, stmt);
    } else if (ts.isTypeAliasDeclaration(stmt)) {
      mod.aliases.set(stmt.name.text, stmt);
    }
  }
  modules.set(path, mod);
  return mod;
}

/** The JSDoc text above a node, exactly as written (the OpenAPI description). */
function docOf(mod: Module, node: ts.Node): string | undefined {
  const ranges = ts.getLeadingCommentRanges(mod.text, node.pos) ?? [];
  const last = [...ranges].reverse().find((r) => mod.text.startsWith('/**', r.pos));
  if (!last) return undefined;
  const raw = mod.text.slice(last.pos + 3, last.end - 2);
  if (!raw.includes('\n')) return raw.trim() || undefined;
  const lines = raw.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  const text = lines.map((l) => l.replace(/\s+$/, '')).join('\n');
  return text || undefined;
}

const definitions = new Map<string, Definition>();
const kinds = new Map<string, string>();
const pending: string[] = [];

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf('.');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Resolves a type name used in `mod` to its definition key. */
function resolveName(mod: Module, name: string): string {
  if (mod.interfaces.has(name) || mod.aliases.has(name)) return `${mod.path}.${name}`;
  const imported = mod.imports.get(name);
  if (!imported) throw new Error(`${mod.path}: unresolved type ${name}`);
  return imported;
}

/** Special scalar definitions: aliases and empty interfaces. */
function specialTypeOf(key: string): PropType | undefined {
  switch (key) {
    case 'meta/v1.Time':
    case 'meta/v1.MicroTime':
      return 'time';
    case 'api/resource.Quantity':
      return 'quantity';
    case INTSTR_DEF:
      return 'int-or-string';
    default:
      break;
  }
  const [modPath, name] = splitKey(key);
  const mod = loadModule(modPath);
  const iface = mod.interfaces.get(name);
  if (iface && iface.members.length === 0) return 'any'; // RawExtension, FieldsV1
  if (mod.aliases.has(name)) throw new Error(`unsupported alias ${key}`);
  return undefined;
}

function request(key: string): void {
  if (!definitions.has(key) && !pending.includes(key)) pending.push(key);
}

function typeToProp(mod: Module, node: ts.TypeNode, fieldKey: string): PropSchema {
  if (ts.isParenthesizedTypeNode(node)) return typeToProp(mod, node.type, fieldKey);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword:
      // Every number in these API groups is an int32 or int64 in Go.
      return { type: 'integer', format: INT64_FIELDS.has(fieldKey) ? 'int64' : 'int32' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { type: 'any' };
    default:
      break;
  }
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
    return { type: 'string', enum: [node.literal.text] };
  }
  if (ts.isUnionTypeNode(node)) {
    const kindsOf = node.types.map((t) => t.kind);
    if (
      node.types.length === 2 &&
      kindsOf.includes(ts.SyntaxKind.NumberKeyword) &&
      kindsOf.includes(ts.SyntaxKind.StringKeyword)
    ) {
      request(INTSTR_DEF);
      return { type: 'int-or-string', ref: INTSTR_DEF };
    }
    if (node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      const values = node.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
      return { type: 'string', enum: [...values].sort() };
    }
    throw new Error(`${fieldKey}: unsupported union ${node.getText()}`);
  }
  if (ts.isArrayTypeNode(node)) {
    return { type: 'array', items: typeToProp(mod, node.elementType, fieldKey) };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'Array' && node.typeArguments?.length === 1) {
      return { type: 'array', items: typeToProp(mod, node.typeArguments[0]!, fieldKey) };
    }
    const key = resolveName(mod, name);
    const special = specialTypeOf(key);
    request(key);
    if (special) {
      const prop: PropSchema = { type: special, ref: key };
      if (key === 'meta/v1.Time') prop.format = 'date-time';
      if (key === 'meta/v1.MicroTime') prop.format = 'micro-time';
      return prop;
    }
    return { type: 'ref', ref: key };
  }
  if (ts.isTypeLiteralNode(node)) {
    const [sig] = node.members;
    if (node.members.length === 1 && sig && ts.isIndexSignatureDeclaration(sig) && sig.type) {
      return { type: 'map', additionalProperties: typeToProp(mod, sig.type, fieldKey) };
    }
    throw new Error(`${fieldKey}: unsupported type literal`);
  }
  throw new Error(`${fieldKey}: unsupported type ${ts.SyntaxKind[node.kind]}`);
}

function applyOverrides(prop: PropSchema, fieldKey: string): void {
  const goType = GO_TYPES[fieldKey];
  if (goType) {
    // For lists the named type is the element's ([]v1.Capability); maps are named themselves (v1.ResourceList).
    if (prop.type === 'array' && prop.items) prop.items.goType = goType;
    else prop.goType = goType;
  }
  const values = ENUMS[fieldKey];
  if (values) {
    if (prop.type !== 'string') throw new Error(`${fieldKey}: enum on a ${prop.type}`);
    prop.enum = values;
  }
  if (BYTES_FIELDS.has(fieldKey)) {
    const target = prop.type === 'map' ? prop.additionalProperties : prop;
    if (!target || target.type !== 'string') throw new Error(`${fieldKey}: bytes on a non-string`);
    target.format = 'byte';
  }
}

function buildDefinition(key: string): Definition {
  if (key === INTSTR_DEF) return { description: INTSTR_DESCRIPTION, type: 'int-or-string' };
  const [modPath, name] = splitKey(key);
  const mod = loadModule(modPath);
  const special = specialTypeOf(key);
  const decl = mod.interfaces.get(name) ?? mod.aliases.get(name);
  if (!decl) throw new Error(`missing declaration ${key}`);
  const description = docOf(mod, decl);
  if (special) return { description, type: special };
  const iface = decl as ts.InterfaceDeclaration;
  const properties: Record<string, PropSchema> = {};
  let apiVersion: string | undefined;
  let kind: string | undefined;
  for (const member of iface.members) {
    if (!ts.isPropertySignature(member) || !member.type) throw new Error(`${key}: unsupported member`);
    const fieldName =
      ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
    if (!fieldName) throw new Error(`${key}: unsupported member name`);
    const fieldKey = `${key}.${fieldName}`;
    const prop = typeToProp(mod, member.type, fieldKey);
    applyOverrides(prop, fieldKey);
    const doc = docOf(mod, member);
    if (doc) prop.description = doc;
    if (!member.questionToken) prop.required = true;
    // The declarations type apiVersion and kind of each kind as literals; OpenAPI has plain strings.
    if ((fieldName === 'apiVersion' || fieldName === 'kind') && prop.enum?.length === 1 && !ENUMS[fieldKey]) {
      if (fieldName === 'apiVersion') apiVersion = prop.enum[0];
      else kind = prop.enum[0];
      delete prop.enum;
    }
    if (prop.enum && !ENUMS[fieldKey]) throw new Error(`${fieldKey}: literal type without an OpenAPI enum`);
    properties[fieldName] = orderProp(prop);
  }
  for (const fieldKey of [
    ...INT64_FIELDS,
    ...BYTES_FIELDS,
    ...Object.keys(GO_TYPES),
    ...Object.keys(ENUMS),
  ]) {
    if (fieldKey.startsWith(`${key}.`) && !(fieldKey.slice(key.length + 1) in properties)) {
      throw new Error(`override for missing field ${fieldKey}`);
    }
  }
  if (apiVersion && kind) kinds.set(`${apiVersion}/${kind}`, key);
  return { description, properties: sortRecord(properties) };
}

/** Stable key order inside a property, for readable, deterministic output. */
function orderProp(p: PropSchema): PropSchema {
  const out: PropSchema = { type: p.type };
  if (p.ref !== undefined) out.ref = p.ref;
  if (p.format !== undefined) out.format = p.format;
  if (p.enum !== undefined) out.enum = p.enum;
  if (p.goType !== undefined) out.goType = p.goType;
  if (p.items !== undefined) out.items = orderProp(p.items);
  if (p.additionalProperties !== undefined) out.additionalProperties = orderProp(p.additionalProperties);
  if (p.required) out.required = true;
  if (p.description !== undefined) out.description = p.description;
  return out;
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(record).sort(compare)) out[k] = record[k]!;
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const started = process.hrtime.bigint();
  for (const path of GROUP_MODULES) {
    const mod = loadModule(path);
    for (const name of [...mod.interfaces.keys()].sort(compare)) request(`${path}.${name}`);
  }
  while (pending.length) {
    const key = pending.shift()!;
    if (!definitions.has(key)) definitions.set(key, buildDefinition(key));
  }
  for (const fieldKey of [
    ...INT64_FIELDS,
    ...BYTES_FIELDS,
    ...Object.keys(GO_TYPES),
    ...Object.keys(ENUMS),
  ]) {
    if (!definitions.has(splitKey(fieldKey)[0]))
      throw new Error(`override for missing definition ${fieldKey}`);
  }
  const out: SchemaFile = {
    source: `kubernetes-types@${typesVersion}`,
    definitions: sortRecord(Object.fromEntries(definitions)),
    kinds: sortRecord(Object.fromEntries(kinds)),
  };
  const here = dirname(fileURLToPath(import.meta.url));
  const target = join(here, '..', 'src', 'engine', 'api', 'generated', 'schema.json');
  mkdirSync(dirname(target), { recursive: true });
  const json = JSON.stringify(out);
  writeFileSync(target, json + '\n');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `gen:schema: ${definitions.size} definitions, ${kinds.size} kinds, ${(json.length / 1024).toFixed(0)} KiB -> ${target.slice(here.length - 'scripts'.length)} (${ms.toFixed(0)} ms)`,
  );
  if (process.env.GEN_SCHEMA_DUMP_NUMBERS) {
    for (const [key, def] of definitions) {
      for (const [f, p] of Object.entries(def.properties ?? {})) {
        const t = p.type === 'array' ? p.items! : p;
        if (t.type === 'integer') console.log(`${t.format} ${key}.${f}`);
      }
    }
  }
}

main();
