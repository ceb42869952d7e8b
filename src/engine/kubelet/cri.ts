import type { Container } from 'kubernetes-types/core/v1';
import { parseImageRef, resolveImage, InvalidImageNameError } from '../runtime/images';
import type { Image } from '../runtime/images';
import type { Mount } from '../runtime';
import type { ExecChunk } from '../api/streaming';

/**
 * The kubelet's view of the container runtime (containerd behind the CRI): image references, pulls,
 * and running containers. Everything the kubelet asks of src/engine/runtime goes through here, so the
 * kubelet's logic reads like the real one's and the runtime can change underneath.
 */
export interface CriImage {
  /** `docker.io/library/nginx:1.25`: the name containerd reports and containerStatuses[].image. */
  ref: string;
  /** `docker.io/library/nginx@sha256:...`: containerStatuses[].imageID. */
  repoDigest: string;
  size: number;
  /** The runtime's image, when the catalogue knows it. */
  image: Image | undefined;
}

export type CriPull = { ok: true; image: CriImage; pullMs: number } | { ok: false; error: string; pullMs: number };

/** How long the registry takes to say "not found" (resolving the reference only). */
export const FAILED_PULL_MS = 1_000;

export function normalizeImage(image: string): { ref: string; tag: string | undefined } | { error: string } {
  try {
    const r = parseImageRef(image);
    return { ref: r.canonical, tag: r.tag };
  } catch (e) {
    if (e instanceof InvalidImageNameError) {
      // The runtime words the whole kubelet message; the image manager adds its own prefix.
      return { error: e.message.replace(/^Failed to apply default image tag "[^"]*": /, '') };
    }
    throw e;
  }
}

/** Resolution is pure and the same for every node: resolve each reference once. */
const resolved = new Map<string, ReturnType<typeof resolveImage>>();

function resolve(image: string): ReturnType<typeof resolveImage> {
  let r = resolved.get(image);
  if (!r) {
    r = resolveImage(image);
    resolved.set(image, r);
  }
  return r;
}

/** PullImage: what the registry answers and how long it takes. */
export function pullImage(image: string): CriPull {
  const r = resolve(image);
  if (!r.ok) {
    // The kubelet sees containerd's gRPC error: `rpc error: code = NotFound desc = failed to pull ...`.
    return { ok: false, error: `rpc error: code = ${r.grpcCode ?? 'Unknown'} desc = ${r.message}`, pullMs: FAILED_PULL_MS };
  }
  return { ok: true, image: criImage(r.image), pullMs: r.image.pullMs };
}

/** An image already on the node (kind's node image ships the system images). */
export function preloadedImage(ref: string): CriImage {
  const r = resolve(ref);
  if (r.ok) return criImage(r.image);
  const n = normalizeImage(ref);
  const name = 'ref' in n ? n.ref : ref;
  return { ref: name, repoDigest: name.replace(/:[^:/]+$/, '@sha256:' + '0'.repeat(64)), size: 0, image: undefined };
}

function criImage(image: Image): CriImage {
  return { ref: image.name, repoDigest: image.imageID, size: image.sizeBytes, image };
}

/** What a started container reports back to the kubelet. */
export interface ContainerHooks {
  /** One complete line written to stdout or stderr (the CRI log file). */
  output(line: string): void;
  /** The main process ended. `signal` is set when a signal killed it (exit code 128 + signal). */
  exit(exitCode: number, signal?: number): void;
}

export interface ContainerSpecInput {
  /** The container as the runtime gets it: command and args with their `$(VAR)` references expanded. */
  container: Container;
  image: CriImage;
  podIP: string;
  hostname: string;
  namespace: string;
  env: Record<string, string>;
  /** Volumes bound into the container (configMap and secret volumes). */
  mounts?: Mount[];
  /** The container's ID (`containerd://...`), from which its exec sessions' IDs derive. */
  containerID?: string;
}

export type HttpProbeAnswer = { ok: true; status: number; body: string } | { ok: false; error: 'refused' | 'timeout' };

/** Who sends an HTTP request: the prober by default, or a client in the cluster (`sim curl`). */
export interface HttpClient {
  userAgent: string;
  remoteAddr: string;
}

/** A container the runtime is running (or ran): the kubelet's handle on its main process. */
export interface RunningContainer {
  /** StopContainer: the image's stop signal now, SIGKILL once `graceMs` has passed. */
  stop(graceMs: number): void;
  /** The main process exits with `code` at once (`sim crash`). */
  crash(code: number): void;
  /** Whether something in the container listens on the TCP port. */
  listens(port: number): boolean;
  /** An HTTP GET to one of the container's ports, from the kubelet's prober unless `client` says otherwise. */
  httpGet(port: number, path: string, client?: HttpClient): HttpProbeAnswer;
  /** ExecSync: runs a command in the container; `done` gets its exit code and output, or a timeout. */
  exec(argv: string[], timeoutMs: number, done: (r: { exitCode: number; output: string } | { timedOut: true }) => void): void;
  /**
   * Exec, the streaming call behind `kubectl exec`: starts `argv` beside the main process, in the
   * container's file system, environment and working directory. When it cannot start, the error is
   * containerd's (`failed to exec in container: failed to start exec "<id>": OCI runtime exec failed: ...`).
   */
  execStream(argv: string[], stdin: string | null): { ok: true; process: ExecProcess } | { ok: false; error: string };
}

/**
 * A process started by Exec, read by the streaming server as simulated time passes. Nobody stops it
 * when the client goes away: containerd waits for it to exit; unread, its output fills the pipe and
 * it blocks on its next write. It dies with the container.
 */
export interface ExecProcess {
  /** Output since the last read, in order; `exitCode` once the process has ended. */
  read(): { output: ExecChunk[]; exitCode?: number };
}
