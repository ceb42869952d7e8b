import { StatusError, badRequest } from './errors';

/**
 * The streaming subresource pods/exec. In Kubernetes the client upgrades its POST to a SPDY (or
 * WebSocket) connection, the API server proxies it to the pod's kubelet, and the kubelet's
 * streaming server runs the command through the container runtime; the command's output comes back
 * on stdout/stderr streams and its end as a Status on the error stream. Here the connection is a
 * handle the client reads as simulated time passes.
 */

/** corev1.PodExecOptions, as kubectl sends it. */
export interface ExecOptions {
  /** The container; the API server picks the only one when unset. */
  container?: string;
  command: string[];
  /** The client's standard input (`kubectl exec -i`); absent when it attaches none. */
  stdin?: string;
}

export interface ExecChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The Status the streaming server writes on the error stream when the command is over. */
export type ExecEnd =
  | { kind: 'success' }
  /** Reason NonZeroExitCode with the code as its cause: client-go's `command terminated with exit code N`. */
  | { kind: 'exit'; code: number }
  /** Any other failure, with the Status message (`Internal error occurred: error executing command in container: ...`). */
  | { kind: 'error'; message: string };

/** The upgraded connection, as the client sees it. */
export interface ExecStream {
  /** What the command wrote since the last read, in order, and how it ended once it has. */
  read(): { output: ExecChunk[]; end?: ExecEnd };
  /**
   * The client hangs up (Ctrl-C). A command still running is not killed: the runtime waits for it,
   * and its unread output blocks it once the pipe is full.
   */
  close(): void;
}

/**
 * The backend refused the upgrade with a plain-text body rather than a Status (the kubelet's
 * `container not found ("x")`); client-go reports it as `unable to upgrade connection: <body>`.
 */
export class UpgradeRefusedError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(body);
    this.name = 'UpgradeRefusedError';
  }
}

interface PodContainers {
  initContainers?: Array<{ name: string }>;
  containers: Array<{ name: string }>;
  ephemeralContainers?: Array<{ name: string }>;
}

/**
 * The registry's validateContainer (pkg/registry/core/pod/strategy.go): an unset container is the
 * pod's only one; a named one must be one of its containers, init containers or ephemeral ones.
 */
export function validateStreamContainer(spec: PodContainers, podName: string, container: string | undefined): string {
  // podutil.VisitContainers: init containers, then containers, then ephemeral containers.
  const all = [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  if (!container) {
    if (spec.containers.length === 1) return spec.containers[0]!.name;
    if (spec.containers.length === 0) throw badRequest(`a container name must be specified for pod ${podName}`);
    throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]`);
  }
  if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${podName}`);
  return container;
}

/**
 * The API server could not reach the kubelet (a node that is down): the proxy's dial error, which the
 * server returns as a Status without a reason, so kubectl prints `Error from server: error dialing
 * backend: ...`.
 */
export function dialError(address: string): StatusError {
  return new StatusError({ reason: '', code: 500, message: `error dialing backend: dial tcp ${address}:10250: connect: connection refused` });
}
