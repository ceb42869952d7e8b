import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Stored } from '../api/types';
import type { LogBuffer } from './logs';

/**
 * What the kubelet knows about a pod's containers, as the container runtime reports it (the CRI's
 * container list) plus the kubelet's own caches (the reason cache, probe results). The API status is
 * computed from this in status.ts, never stored separately, so it cannot drift.
 */
export interface Terminated {
  exitCode: number;
  signal?: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

/** One run of a container: a new instance (new ID, new log file) per restart. */
export interface Instance {
  /** `containerd://<64 hex>`. */
  id: string;
  /** The image as the runtime resolved it: `docker.io/library/nginx:1.25`. */
  image: string;
  /** `docker.io/library/nginx@sha256:...`. */
  imageID: string;
  startedAt: number;
  terminated?: Terminated;
  logs: LogBuffer;
}

export interface ContainerRecord {
  name: string;
  spec: Container;
  init: boolean;
  /** Instances created so far; restartCount is one less. */
  created: number;
  current?: Instance;
  previous?: Instance;
  /**
   * The kubelet's reason cache: why the container is not running although it should be
   * (ErrImagePull, ImagePullBackOff, CrashLoopBackOff, ...). Cleared by a successful start.
   */
  waiting?: { reason: string; message?: string };
  /** Startup probe passed (or none). */
  started: boolean;
  /** Readiness probe passing (or none) while started and running. */
  ready: boolean;
  /** An image pull or a create/start is in flight. */
  busy: boolean;
  /** After a failed start the pod worker retries only on its next resync (backOffPeriod). */
  retryAt: number;
}

export function isRunning(rec: ContainerRecord): boolean {
  return !!rec.current && !rec.current.terminated;
}

/** `[a b]`: how Go prints a []string in condition messages. */
export function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

/** Go's %q for the simple strings the kubelet quotes (image names, container names). */
export function quote(s: string): string {
  return JSON.stringify(s);
}

export type StoredPod = Stored<Pod>;

/** A typed pod where the engine's generic helpers (events, writes) take any object. */
export function kube(pod: StoredPod): KubeObject {
  return pod as unknown as KubeObject;
}
