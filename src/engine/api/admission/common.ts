import { NAME_ALPHABET } from '../../random';
import type { AdmissionAttributes, ApiServer } from '../apiserver';
import type { StatusError } from '../errors';
import { forbidden } from '../errors';

/**
 * admission.NewForbidden: `<resource> "<name>" is forbidden: <why>`. Upstream admission runs before
 * the registry generates a name, so for a generateName object the message shows the prefix
 * (`pods "web-7c5ddbdf54-" is forbidden: ...`, as in a ReplicaSet's FailedCreate event). This
 * API server generates names first, so recognise a generated name and show the prefix again.
 */
export function admissionForbidden(attrs: AdmissionAttributes, why: string): StatusError {
  return forbidden({ group: attrs.type.group, resource: attrs.type.plural }, requestName(attrs), why);
}

export function requestName(attrs: AdmissionAttributes): string {
  const meta = attrs.object?.metadata;
  const prefix = meta?.generateName;
  if (attrs.operation === 'CREATE' && prefix && meta) {
    const base = prefix.slice(0, 58);
    const suffix = meta.name.slice(base.length);
    if (meta.name.startsWith(base) && suffix.length === 5 && [...suffix].every((c) => NAME_ALPHABET.includes(c))) return prefix;
  }
  return attrs.name;
}

/** The trace line for an admission decision a learner should see. */
export function traceAdmission(api: ApiServer, attrs: AdmissionAttributes, actor: string, message: string): void {
  api.trace.record({
    component: 'kube-apiserver',
    actor,
    message,
    ref: { kind: attrs.type.kind, name: attrs.name, ...(attrs.namespace ? { namespace: attrs.namespace } : {}) },
  });
}
