import { StatusError } from '../engine/api/errors';

/**
 * kubectl's error wording (k8s.io/kubectl/pkg/cmd/util/helpers.go StandardErrorMessage): server errors
 * are `Error from server (Reason): message`; Invalid ones read `The Kind "name" is invalid: cause`, or a
 * bulleted list when there are several causes.
 */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A usage error: kubectl prints it, then `See 'kubectl <cmd> -h' for help and examples`. */
export class UsageError extends KubectlError {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

export function formatError(e: unknown, context?: string): string {
  if (e instanceof StatusError) return formatStatusError(e, context);
  if (e instanceof UsageError) return `error: ${e.message}\nSee 'kubectl ${e.command} -h' for help and examples`;
  if (e instanceof KubectlError) return e.message.startsWith('error:') || e.message.startsWith('Error') ? e.message : `error: ${e.message}`;
  if (e instanceof Error) return `error: ${e.message}`;
  return `error: ${String(e)}`;
}

export function formatStatusError(e: StatusError, context?: string): string {
  const s = e.status;
  if (s.reason === 'Invalid') return invalidMessage(s);
  const msg = context ? `${context}: ${s.message}` : s.message;
  if (s.reason === '') return `Error from server: ${msg}`;
  // kubectl prints "Error from server (Reason): ..." when the server gave a reason it knows.
  const reasonText = s.reason === 'InternalError' ? 'InternalError' : s.reason;
  return `Error from server (${reasonText}): ${msg}`;
}

/**
 * checkErr's Invalid branch: `The Kind "name" is invalid` when the details name the object, else
 * `The request is invalid` (with the message only when there are no causes); then each distinct
 * cause as `field: message` (MultilineError: inline when one, a bulleted list when several). A
 * cause without a field still gets its `: `, as in `The request is invalid: : doc is missing path`.
 */
function invalidMessage(s: StatusError['status']): string {
  const d = s.details;
  if (!d) return s.message ? `The request is invalid: ${s.message}` : 'The request is invalid';
  const causes = d.causes ?? [];
  let head = 'The request is invalid';
  if (d.kind || d.name) head = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
  else if (s.message && !causes.length) head += `: ${s.message}`;
  if (!causes.length) return head;
  const msgs = [...new Set(causes.map((c) => `${c.field ?? ''}: ${c.message}`))];
  if (msgs.length === 1) return `${head}: ${msgs[0]}`;
  return `${head}: \n${msgs.map((m) => `* ${m}`).join('\n')}`;
}
