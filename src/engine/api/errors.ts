import type { FieldError } from '../apimachinery/validation';
import { aggregateMessage, fieldErrorString } from '../apimachinery/validation';

/**
 * API errors as the Kubernetes API server returns them: a metav1.Status with a reason, an HTTP code
 * and a message in the server's own words. kubectl turns these into the lines learners see, such as
 * `Error from server (NotFound): deployments.apps "web" not found`.
 */
export type StatusReason =
  | ''
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'Expired'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'RequestEntityTooLarge';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Omit<Status, 'kind' | 'apiVersion' | 'metadata' | 'status'>) {
    super(status.message);
    this.name = 'StatusError';
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...status };
  }
  get reason(): StatusReason {
    return this.status.reason;
  }
  get code(): number {
    return this.status.code;
  }
}

export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.status.reason === reason);
}

/** `deployments.apps` or `pods`: the group-qualified resource name used in messages. */
export interface GroupResource {
  group: string;
  resource: string;
}
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError({
    reason: 'NotFound',
    code: 404,
    message: `${qualifiedResource(gr)} "${name}" not found`,
    details: { name, group: gr.group, kind: gr.resource },
  });
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError({
    reason: 'AlreadyExists',
    code: 409,
    message: `${qualifiedResource(gr)} "${name}" already exists`,
    details: { name, group: gr.group, kind: gr.resource },
  });
}

export function conflict(gr: GroupResource, name: string, detail: string): StatusError {
  return new StatusError({
    reason: 'Conflict',
    code: 409,
    message: `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${detail}`,
    details: { name, group: gr.group, kind: gr.resource },
  });
}

export const CONFLICT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

/** apimachinery errors.NewInvalid: `Deployment.apps "web" is invalid: <aggregate>`. */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return new StatusError({
    reason: 'Invalid',
    code: 422,
    message: `${qualifiedKind} "${name}" is invalid: ${aggregateMessage(errs)}`,
    details: {
      name,
      group,
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: fieldErrorString(e).slice(e.field.length + 2), field: e.field })),
    },
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError({ reason: 'BadRequest', code: 400, message });
}

export function forbidden(gr: GroupResource, name: string, detail: string): StatusError {
  return new StatusError({
    reason: 'Forbidden',
    code: 403,
    message: `${qualifiedResource(gr)} "${name}" is forbidden: ${detail}`,
    details: { name, group: gr.group, kind: gr.resource },
  });
}

export function methodNotSupported(gr: GroupResource, action: string): StatusError {
  return new StatusError({
    reason: 'MethodNotAllowed',
    code: 405,
    message: `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`,
    details: { group: gr.group, kind: gr.resource },
  });
}

export function gone(message: string): StatusError {
  return new StatusError({ reason: 'Expired', code: 410, message });
}

export function internalError(message: string): StatusError {
  return new StatusError({ reason: 'InternalError', code: 500, message: `Internal error occurred: ${message}` });
}

export function serviceUnavailable(message: string): StatusError {
  return new StatusError({ reason: 'ServiceUnavailable', code: 503, message });
}
