import { validateLabelKey, validateLabelValue } from '../../apimachinery/labels';
import type { Quantity } from '../../apimachinery/quantity';
import { parseQuantity } from '../../apimachinery/quantity';
import type { FieldError } from '../../apimachinery/validation';
import { duplicate, forbidden, invalid, isDNS1123Label, isDNS1123Subdomain, notFound, notSupported, required } from '../../apimachinery/validation';
import { asRecord, validateLabels } from './meta';
import type { Json } from './podspec';

/**
 * ValidatePodSpec and what it calls (k/k pkg/apis/core/validation/validation.go), in the order the
 * real validator appends its errors: volumes, containers, init containers, restartPolicy,
 * dnsPolicy, nodeSelector, serviceAccountName, nodeName, activeDeadlineSeconds, hostname,
 * subdomain, tolerations, priorityClassName. Only the checks a learner can plausibly trip are
 * ported; each keeps the upstream field path and wording.
 */
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const NONNEGATIVE = 'must be greater than or equal to 0';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** Resources whose request must equal their limit (helper.IsOvercommitAllowed is false). */
const overcommitAllowed = (name: string) => STANDARD_CONTAINER_RESOURCES.has(name) || !(name.startsWith('hugepages-') || name.includes('/'));

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.map((x) => asRecord(x) ?? {}) : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [PORT_RANGE];
}

/** validation.IsValidPortName (IANA_SVC_NAME). */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName: an int must be a port number, a string a port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = num(port);
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

function dns1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

function validateContainerPorts(ports: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `${path}[${i}]`;
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${at}.name`, name, m));
      else if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    if (!p.containerPort) errs.push(required(`${at}.containerPort`));
    else for (const m of isValidPortNum(num(p.containerPort))) errs.push(invalid(`${at}.containerPort`, p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(num(p.hostPort))) errs.push(invalid(`${at}.hostPort`, p.hostPort, m));
    const protocol = str(p.protocol);
    if (!protocol) errs.push(required(`${at}.protocol`));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(`${at}.protocol`, protocol, PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const at = `${path}[${i}]`;
    const name = str(e.name);
    if (!name) errs.push(required(`${at}.name`));
    // RelaxedEnvironmentVariableValidation (on by default since 1.32): printable ASCII but '='.
    else if ([...name].some((ch) => ch === '=' || ch < ' ' || ch > '~')) {
      errs.push(invalid(`${at}.name`, name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    }
    const from = asRecord(e.valueFrom);
    if (!from) return;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => asRecord(from[k]));
    if (sources.length === 0) errs.push(invalid(`${at}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    if (str(e.value) && sources.length) errs.push(invalid(`${at}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    if (sources.length > 1) errs.push(invalid(`${at}.valueFrom`, '', 'may not have more than one field specified at a time'));
    for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
      const r = asRecord(from[ref]);
      if (!r) continue;
      if (!str(r.name)) errs.push(required(`${at}.valueFrom.${ref}.name`));
      if (!str(r.key)) errs.push(required(`${at}.valueFrom.${ref}.key`));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Json[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  mounts.forEach((m, i) => {
    const at = `${path}[${i}]`;
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(`${at}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${at}.name`, name));
    if (!mountPath) errs.push(required(`${at}.mountPath`));
    if (seen.has(mountPath)) errs.push(invalid(`${at}.mountPath`, mountPath, 'must be unique'));
    seen.add(mountPath);
  });
  return errs;
}

function quantity(v: unknown): Quantity | undefined {
  try {
    return parseQuantity(typeof v === 'number' ? String(v) : str(v));
  } catch {
    return undefined; // the decoder already rejected it; nothing sensible to compare
  }
}

/** ValidateResourceRequirements for a container: names, non-negative values, requests <= limits. */
export function validateResources(res: Json | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = asRecord(res?.limits) ?? {};
  const requests = asRecord(res?.requests) ?? {};
  const checkName = (name: string, at: string) => {
    if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
      errs.push(invalid(at, name, 'must be a standard resource for containers'));
    }
  };
  for (const name of Object.keys(limits).sort()) {
    const at = `${path}.limits[${name}]`;
    checkName(name, at);
    const q = quantity(limits[name]);
    if (q && q.sign() < 0) errs.push(invalid(at, q.toString(), NONNEGATIVE));
  }
  for (const name of Object.keys(requests).sort()) {
    const at = `${path}.requests[${name}]`;
    checkName(name, at);
    const q = quantity(requests[name]);
    if (!q) continue;
    if (q.sign() < 0) errs.push(invalid(at, q.toString(), NONNEGATIVE));
    const lim = name in limits ? quantity(limits[name]) : undefined;
    if (lim) {
      if (q.cmp(lim) !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(`${path}.requests`, q.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
      } else if (q.cmp(lim) > 0) {
        errs.push(invalid(`${path}.requests`, q.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

function validateHandler(h: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']) {
    const a = asRecord(h[kind]);
    if (!a) continue;
    if (count > 0) {
      errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    if (kind === 'exec' && !(Array.isArray(a.command) && a.command.length)) errs.push(required(`${path}.exec.command`));
    if (kind === 'httpGet') {
      if (!str(a.path)) errs.push(required(`${path}.httpGet.path`));
      errs.push(...validatePortNumOrName(a.port, `${path}.httpGet.port`));
      const scheme = str(a.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${path}.httpGet.scheme`, scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(a.port, `${path}.tcpSocket.port`));
    if (kind === 'grpc') for (const m of isValidPortNum(num(a.port))) errs.push(invalid(`${path}.grpc.port`, a.port, m));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(p: unknown, path: string, successMustBeOne: boolean): FieldError[] {
  const probe = asRecord(p);
  if (!probe) return [];
  const errs = validateHandler(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (num(probe[f]) < 0) errs.push(invalid(`${path}.${f}`, probe[f], NONNEGATIVE));
  }
  if (successMustBeOne && num(probe.successThreshold) !== 1) errs.push(invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  return errs;
}

/** validateContainerCommon plus the regular-container checks of validateContainers. */
function validateContainer(c: Json, volumes: Set<string>, path: string, regular: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(`${path}.name`));
  else errs.push(...dns1123Label(name, `${path}.name`));
  if (!str(c.image)) errs.push(required(`${path}.image`));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(list(c.ports), `${path}.ports`));
  errs.push(...validateEnv(list(c.env), `${path}.env`));
  errs.push(...validateVolumeMounts(list(c.volumeMounts), volumes, `${path}.volumeMounts`));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResources(asRecord(c.resources), `${path}.resources`));
  if (regular) {
    errs.push(...validateProbe(c.livenessProbe, `${path}.livenessProbe`, true));
    errs.push(...validateProbe(c.readinessProbe, `${path}.readinessProbe`, false));
    errs.push(...validateProbe(c.startupProbe, `${path}.startupProbe`, true));
    if (c.restartPolicy !== undefined) errs.push(forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
  }
  return errs;
}

const VOLUME_REQUIRED_FIELDS: Record<string, string> = { configMap: 'name', secret: 'secretName', persistentVolumeClaim: 'claimName', hostPath: 'path' };

function validateVolumes(volumes: Json[], path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = `${path}[${i}]`;
    const el: FieldError[] = [];
    const sources = Object.keys(v).filter((k) => k !== 'name');
    if (sources.length === 0) el.push(required(at, 'must specify a volume type'));
    sources.slice(1).forEach((s) => el.push(forbidden(`${at}.${s}`, 'may not specify more than 1 volume type')));
    const src = sources[0];
    const requiredField = src ? VOLUME_REQUIRED_FIELDS[src] : undefined;
    if (src && requiredField && !str(asRecord(v[src])?.[requiredField])) el.push(required(`${at}.${src}.${requiredField}`));
    const name = str(v.name);
    if (!name) el.push(required(`${at}.name`));
    else el.push(...dns1123Label(name, `${at}.name`));
    if (names.has(name)) el.push(duplicate(`${at}.name`, name));
    if (el.length === 0) names.add(name);
    errs.push(...el);
  });
  return { names, errs };
}

function validateTolerations(tolerations: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const at = `${path}[${i}]`;
    const key = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    if (key) for (const m of validateLabelKey(key)) errs.push(invalid(`${at}.key`, key, m));
    if (!key && op !== 'Exists') errs.push(invalid(`${at}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(`${at}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = validateLabelValue(str(t.value));
      if (msgs.length) errs.push(invalid(`${at}.operator`, str(t.value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t.value)) errs.push(invalid(`${at}.operator`, str(t.value), "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(`${at}.operator`, op, ['Equal', 'Exists']));
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(notSupported(`${at}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

/** ValidatePodSpec: `path` is `spec` for a Pod and `spec.template.spec` for a template. */
export function validatePodSpec(spec: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { names: volumes, errs: volErrs } = validateVolumes(list(spec.volumes), `${path}.volumes`);
  errs.push(...volErrs);
  const containers = list(spec.containers);
  const seen = new Set<string>();
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  containers.forEach((c, i) => {
    const at = `${path}.containers[${i}]`;
    errs.push(...validateContainer(c, volumes, at, true));
    if (seen.has(str(c.name))) errs.push(duplicate(`${at}.name`, str(c.name)));
    else seen.add(str(c.name));
  });
  list(spec.initContainers).forEach((c, i) => {
    const at = `${path}.initContainers[${i}]`;
    errs.push(...validateContainer(c, volumes, at, false));
    if (seen.has(str(c.name))) errs.push(duplicate(`${at}.name`, str(c.name)));
    else seen.add(str(c.name));
  });
  const restart = str(spec.restartPolicy);
  if (!restart) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart)) errs.push(notSupported(`${path}.restartPolicy`, restart, ['Always', 'OnFailure', 'Never']));
  const dns = str(spec.dnsPolicy);
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dns) errs.push(required(`${path}.dnsPolicy`));
  else if (!dnsPolicies.includes(dns)) errs.push(notSupported(`${path}.dnsPolicy`, dns, dnsPolicies));
  errs.push(...validateLabels(asRecord(spec.nodeSelector) as Record<string, string> | undefined, `${path}.nodeSelector`));
  const sa = str(spec.serviceAccountName);
  if (sa) for (const m of isDNS1123Subdomain(sa)) errs.push(invalid(`${path}.serviceAccountName`, sa, m));
  const node = str(spec.nodeName);
  if (node) for (const m of isDNS1123Subdomain(node)) errs.push(invalid(`${path}.nodeName`, node, m));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = num(spec.activeDeadlineSeconds);
    if (v < 1 || v > 2147483647) errs.push(invalid(`${path}.activeDeadlineSeconds`, v, 'must be between 1 and 2147483647, inclusive'));
  }
  if (str(spec.hostname)) errs.push(...dns1123Label(str(spec.hostname), `${path}.hostname`));
  if (str(spec.subdomain)) errs.push(...dns1123Label(str(spec.subdomain), `${path}.subdomain`));
  errs.push(...validateTolerations(list(spec.tolerations), `${path}.tolerations`));
  const pc = str(spec.priorityClassName);
  if (pc) for (const m of isDNS1123Subdomain(pc)) errs.push(invalid(`${path}.priorityClassName`, pc, m));
  const pp = spec.preemptionPolicy;
  if (pp !== undefined && pp !== null && pp !== 'PreemptLowerPriority' && pp !== 'Never') {
    errs.push(notSupported(`${path}.preemptionPolicy`, pp, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}
