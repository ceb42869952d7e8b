import type { ConfigMap, Container, KeyToPath, Secret, Volume } from 'kubernetes-types/core/v1';
import { directoryFileSystem } from '../runtime';
import type { FileSystem, Mount } from '../runtime';
import { decodeBase64, notFound, secretData } from './env';
import type { ConfigSource } from './env';
import type { StoredPod } from './model';

/**
 * The kubelet's volume manager for the volumes that carry API data into a pod: `configMap` and
 * `secret` (k/k pkg/kubelet/volumemanager, pkg/volume/configmap and pkg/volume/secret). Each volume is
 * a directory on the node with one file per key (or per `items` entry, at its `path`); every container
 * that mounts it sees it read-only at its mountPath. Other volume types (the service account's projected
 * token, emptyDir...) are not modelled here and count as mounted.
 *
 * SetUp fails while the object or an `items` key is missing (unless `optional`): a `FailedMount` event,
 * and the reconciler tries again after an exponential back-off (nestedpendingoperations: 500 ms doubling
 * to 2m2s). The pod worker waits for every volume before it creates the sandbox (WaitForAttachAndMount).
 * `remount` runs SetUp again, as the pod's periodic sync does, so a changed ConfigMap reaches the files.
 */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122_000;

export type VolumeKind = 'configmap' | 'secret';

/** A volume's directory: its content is swapped whole on each SetUp, as the atomic writer swaps `..data`. */
class VolumeDir implements FileSystem {
  constructor(public content: FileSystem) {}
  stat(p: string) {
    return this.content.stat(p);
  }
  read(p: string) {
    return this.content.read(p);
  }
  write(p: string, data: string, append?: boolean) {
    return this.content.write(p, data, append);
  }
  remove(p: string, recursive?: boolean) {
    return this.content.remove(p, recursive);
  }
  mkdir(p: string, parents?: boolean) {
    return this.content.mkdir(p, parents);
  }
  list(p: string) {
    return this.content.list(p);
  }
}

interface VolumeState {
  dir?: VolumeDir;
  /** The back-off: no attempt before `retryAt`; the next failure waits `delay` doubled. */
  retryAt: number;
  delay: number;
}

export interface VolumeHost {
  objects: ConfigSource;
  now(): number;
  /** A Warning event on the pod (FailedMount). */
  warn(reason: string, message: string): void;
  trace(message: string): void;
}

type SetUp = { ok: true; files: Record<string, string> } | { ok: false; message: string };

export class PodVolumes {
  private readonly states = new Map<string, VolumeState>();

  constructor(
    private readonly pod: () => StoredPod,
    private readonly host: VolumeHost,
  ) {}

  /** The pod's volumes this manager fills: configMap and secret. */
  private sources(): Volume[] {
    return (this.pod().spec?.volumes ?? []).filter((v) => v.configMap || v.secret);
  }

  /**
   * The reconciler's pass: sets up each volume not mounted yet whose back-off has expired. Returns
   * undefined once every volume is mounted, else the milliseconds until the next attempt is due.
   */
  mount(): number | undefined {
    const now = this.host.now();
    let next: number | undefined;
    for (const v of this.sources()) {
      let st = this.states.get(v.name);
      if (!st) this.states.set(v.name, (st = { retryAt: 0, delay: 0 }));
      if (st.dir) continue;
      if (now >= st.retryAt) {
        const r = this.setUp(v);
        if (r.ok) {
          st.dir = new VolumeDir(directoryFileSystem(r.files));
          continue;
        }
        st.delay = st.delay === 0 ? MOUNT_RETRY_INITIAL_MS : Math.min(st.delay * 2, MOUNT_RETRY_MAX_MS);
        st.retryAt = now + st.delay;
        this.failed(v, r.message, st.delay);
      }
      next = Math.min(next ?? Infinity, st.retryAt - now);
    }
    return next;
  }

  /** SetUp again for every mounted volume (the pod's periodic sync): the files follow the objects. */
  remount(): void {
    for (const v of this.sources()) {
      const dir = this.states.get(v.name)?.dir;
      if (!dir) continue;
      const r = this.setUp(v);
      if (r.ok) dir.content = directoryFileSystem(r.files);
      else this.failed(v, r.message);
    }
  }

  /** Whether a mounted volume of the pod is filled from this object. */
  uses(kind: VolumeKind, name: string): boolean {
    return this.sources().some((v) => this.states.get(v.name)?.dir && (kind === 'configmap' ? v.configMap?.name : v.secret?.secretName) === name);
  }

  /** The container's bind mounts of these volumes, always read-only; a subPath mount is a copy made now. */
  mountsFor(c: Container): Mount[] {
    const out: Mount[] = [];
    for (const m of c.volumeMounts ?? []) {
      const dir = this.states.get(m.name)?.dir;
      if (!dir) continue;
      if (!m.subPath) {
        out.push({ containerPath: m.mountPath, source: dir, readOnly: true });
        continue;
      }
      // A subPath mount binds what the path resolves to now: later SetUps do not reach it.
      const sub = `/${m.subPath}`;
      const exists = dir.content.stat(sub) !== undefined;
      out.push({ containerPath: m.mountPath, source: exists ? dir.content : directoryFileSystem({}), ...(exists ? { sourcePath: sub } : {}), readOnly: true });
    }
    return out;
  }

  private failed(v: Volume, message: string, retryMs?: number): void {
    this.host.warn('FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${message}`);
    if (retryMs !== undefined) this.host.trace(`volume "${v.name}" could not be set up (${message}); the volume manager tries again in ${retryMs / 1000}s`);
  }

  private setUp(v: Volume): SetUp {
    const ns = this.pod().metadata.namespace ?? 'default';
    if (v.configMap) {
      const src = v.configMap;
      const name = src.name ?? '';
      const cm: ConfigMap | undefined = this.host.objects.configMap(ns, name);
      if (!cm && !src.optional) return { ok: false, message: notFound('configmap', name) };
      const data: Record<string, string> = { ...(cm?.data ?? {}) };
      for (const [k, b64] of Object.entries(cm?.binaryData ?? {})) data[k] = decodeBase64(b64);
      return payload(data, src.items, !!src.optional, (key) => `configmap references non-existent config key: ${key}`);
    }
    const src = v.secret!;
    const name = src.secretName ?? '';
    const s: Secret | undefined = this.host.objects.secret(ns, name);
    if (!s && !src.optional) return { ok: false, message: notFound('secret', name) };
    return payload(s ? secretData(s) : {}, src.items, !!src.optional, (key) => `references non-existent secret key: ${key}`);
  }
}

/** MakePayload: every key as a file, or only the `items`, each at its path. */
function payload(data: Record<string, string>, items: KeyToPath[] | undefined, optional: boolean, missing: (key: string) => string): SetUp {
  const files: Record<string, string> = {};
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) files[`/${k}`] = v;
    return { ok: true, files };
  }
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, message: missing(item.key) };
    }
    files[`/${item.path}`] = v;
  }
  return { ok: true, files };
}
