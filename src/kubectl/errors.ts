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
  if (s.reason === 'Invalid' && s.details?.kind) {
    const causes = s.details.causes ?? [];
    const head = `The ${s.details.kind} "${s.details.name ?? ''}" is invalid: `;
    if (causes.length === 1) {
      const c = causes[0]!;
      return head + (c.field ? `${c.field}: ${c.message}` : c.message);
    }
    if (causes.length > 1) {
      return head + '\n' + causes.map((c) => `* ${c.field ? `${c.field}: ` : ''}${c.message}`).join('\n');
    }
  }
  if (s.reason === 'Invalid') return `The request is invalid: ${s.message}`;
  const msg = context ? `${context}: ${s.message}` : s.message;
  if (s.reason === '') return `Error from server: ${msg}`;
  // kubectl prints "Error from server (Reason): ..." when the server gave a reason it knows.
  const reasonText = s.reason === 'InternalError' ? 'InternalError' : s.reason;
  return `Error from server (${reasonText}): ${msg}`;
}
