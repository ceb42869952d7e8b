import type { ContainerImage } from 'kubernetes-types/core/v1';
import type { ClusterContext } from '../cluster';
import type { EventRecorder } from '../events';
import { Backoff, goDuration } from './backoff';
import type { CriImage } from './cri';
import { normalizeImage, preloadedImage, pullImage } from './cri';
import { kube, quote } from './model';
import type { StoredPod } from './model';

/**
 * The kubelet's image manager (pkg/kubelet/images): honours imagePullPolicy, keeps the node's image
 * store, pulls one image at a time (serializeImagePulls: true, the default), and backs off failed pulls
 * per pod and image (10 s doubling to 300 s). It records the events learners read in `kubectl describe`:
 * Pulling, Pulled, Failed, BackOff, ErrImageNeverPull.
 */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;
/** A pull of an image whose layers are all on the node: the registry round trip only. */
export const CACHED_PULL_MS = 1_000;

export type EnsureResult = { ok: true; image: CriImage } | { ok: false; reason: string; message: string };

interface PullRequest {
  image: string;
  requestedAt: number;
  done: (r: { ok: true; image: CriImage; pullMs: number } | { ok: false; error: string }) => void;
  cancelled: boolean;
}

export class ImageManager {
  /** The node's image store, keyed by the normalised reference (`docker.io/library/nginx:1.25`). */
  private store = new Map<string, CriImage>();
  private queue: PullRequest[] = [];
  private pulling: PullRequest | undefined;
  private readonly backoff = new Backoff(IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS);
  private readonly prevPullErr = new Map<string, string>();
  /** Bumped when the store changes, so node status knows to list images again. */
  version = 0;

  constructor(
    private readonly ctx: ClusterContext,
    private readonly nodeName: string,
    preload: readonly string[],
  ) {
    for (const ref of preload) {
      const img = preloadedImage(ref);
      this.store.set(img.ref, img);
    }
  }

  has(image: string): boolean {
    const n = normalizeImage(image);
    return 'ref' in n && this.store.has(n.ref);
  }

  /** status.images: each image with its names (repo digest and tags) and size. */
  nodeImages(): ContainerImage[] {
    return [...this.store.values()].map((i) => ({ names: [i.repoDigest, i.ref], sizeBytes: i.size }));
  }

  /**
   * EnsureImageExists: calls `done` with the image once it is on the node, or with the waiting reason
   * and message when it cannot be (synchronously when no pull is needed). Returns a cancel function.
   */
  ensure(
    pod: StoredPod,
    container: { name: string; image?: string; imagePullPolicy?: string },
    fieldPath: string,
    recorder: EventRecorder,
    done: (r: EnsureResult) => void,
  ): () => void {
    const requested = container.image ?? '';
    const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => recorder.event(kube(pod), type, reason, message, fieldPath);
    const norm = normalizeImage(requested);
    if (!('ref' in norm)) {
      const msg = `Failed to apply default image tag ${quote(requested)}: ${norm.error}`;
      ev('Warning', 'InspectFailed', msg);
      done({ ok: false, reason: 'InvalidImageName', message: msg });
      return noop;
    }
    const policy = container.imagePullPolicy ?? defaultPullPolicy(norm.tag);
    const present = this.store.get(norm.ref);
    const shouldPull = policy === 'Always' || (policy === 'IfNotPresent' && !present);
    if (!shouldPull) {
      if (present) {
        ev('Normal', 'Pulled', `Container image ${quote(requested)} already present on machine`);
        done({ ok: true, image: present });
      } else {
        const msg = `Container image ${quote(requested)} is not present with pull policy of Never`;
        ev('Warning', 'ErrImageNeverPull', msg);
        done({ ok: false, reason: 'ErrImageNeverPull', message: msg });
      }
      return noop;
    }
    const key = `${pod.metadata.uid}_${requested}`;
    const now = this.ctx.clock.now();
    if (this.backoff.isInBackOffSinceUpdate(key, now)) {
      let msg = `Back-off pulling image ${quote(requested)}`;
      ev('Normal', 'BackOff', msg);
      const prev = this.prevPullErr.get(key);
      if (prev) msg = `${msg}: ${prev}`;
      done({ ok: false, reason: 'ImagePullBackOff', message: msg });
      return noop;
    }
    this.prevPullErr.delete(key);
    ev('Normal', 'Pulling', `Pulling image ${quote(requested)}`);
    this.ctx.trace.record({ component: 'kubelet', node: this.nodeName, message: `pulling image ${requested} for ${pod.metadata.namespace}/${pod.metadata.name} (imagePullPolicy ${policy}${this.pulling ? ', waiting for the pull in progress: image pulls are serialized' : ''})`, ref: podRef(pod) });
    const req: PullRequest = {
      image: requested,
      requestedAt: now,
      cancelled: false,
      done: (r) => {
        const t = this.ctx.clock.now();
        if (!r.ok) {
          ev('Warning', 'Failed', `Failed to pull image ${quote(requested)}: ${r.error}`);
          this.backoff.next(key, t);
          this.prevPullErr.set(key, `ErrImagePull: ${r.error}`);
          this.ctx.trace.record({ component: 'kubelet', node: this.nodeName, message: `pull of ${requested} failed; the next attempt waits ${goDuration(this.backoff.get(key))} (image pull back-off)`, ref: podRef(pod) });
          done({ ok: false, reason: 'ErrImagePull', message: r.error });
          return;
        }
        ev('Normal', 'Pulled', `Successfully pulled image ${quote(requested)} in ${goDuration(r.pullMs)} (${goDuration(t - req.requestedAt)} including waiting). Image size: ${r.image.size} bytes.`);
        done({ ok: true, image: r.image });
      },
    };
    this.queue.push(req);
    this.pump();
    return () => {
      req.cancelled = true;
    };
  }

  /** Forgets a pod's back-off entries when the pod goes away. */
  forgetPod(uid: string): void {
    this.backoff.resetPrefix(`${uid}_`);
    for (const k of this.prevPullErr.keys()) if (k.startsWith(`${uid}_`)) this.prevPullErr.delete(k);
  }

  /** The serialized puller: one pull at a time, in the order they were asked for. */
  private pump(): void {
    if (this.pulling) return;
    let req = this.queue.shift();
    while (req && req.cancelled) req = this.queue.shift();
    if (!req) return;
    this.pulling = req;
    const pull = pullImage(req.image);
    const cached = pull.ok && this.store.has(pull.image.ref);
    const ms = cached ? Math.min(CACHED_PULL_MS, pull.pullMs) : pull.pullMs;
    const current = req;
    this.ctx.clock.setTimeout(() => {
      this.pulling = undefined;
      if (pull.ok) {
        if (!this.store.has(pull.image.ref)) this.version++;
        this.store.set(pull.image.ref, pull.image);
      }
      if (!current.cancelled) current.done(pull.ok ? { ok: true, image: pull.image, pullMs: ms } : { ok: false, error: pull.error });
      this.pump();
    }, ms, `kubelet ${this.nodeName} pull ${req.image}`);
  }
}

/** SetDefaults_Container: tag `latest` (which an untagged name gets) pulls Always, anything else IfNotPresent. */
export function defaultPullPolicy(tag: string | undefined): string {
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function podRef(pod: StoredPod): { kind: string; namespace?: string; name: string } {
  return { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name };
}

function noop(): void {}
