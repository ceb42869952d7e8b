/**
 * A container's file system, as the simulated programs see it. The kubelet may supply its own
 * implementation (to overlay volumes shared between containers, read-only ConfigMap mounts...); the
 * runtime only needs these operations. Errors are errno names so each utility words them its own way.
 */
import { normalizePath } from './images';

export type FsError = 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'ENOTEMPTY';

export interface FileSystem {
  stat(path: string): 'file' | 'dir' | undefined;
  /** File content, or an error (ENOENT, EISDIR). */
  read(path: string): string | FsError;
  write(path: string, data: string, append?: boolean): FsError | undefined;
  remove(path: string, recursive?: boolean): FsError | undefined;
  mkdir(path: string, parents?: boolean): FsError | undefined;
  /** Entry names of a directory, sorted. */
  list(path: string): string[] | FsError;
}

export const STRERROR: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
};

export function isFsError(x: unknown): x is FsError {
  return typeof x === 'string' && x in STRERROR;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** An image's files and directories, normalised once and shared by every container of the image. */
export interface ImageLayer {
  readonly files: ReadonlyMap<string, string>;
  readonly dirs: ReadonlySet<string>;
}

/** Builds a read-only layer from a file table and directory list. */
export function imageLayer(files: Record<string, string>, dirs: readonly string[] = []): ImageLayer {
  const layer = { files: new Map<string, string>(), dirs: new Set<string>(['/', '/dev']) };
  const addDirs = (path: string) => {
    for (let p = path; p !== '/' && !layer.dirs.has(p); p = parentOf(p)) layer.dirs.add(p);
  };
  for (const d of dirs) addDirs(normalizePath(d));
  for (const [p, content] of Object.entries(files)) {
    const path = normalizePath(p);
    addDirs(parentOf(path));
    layer.files.set(path, content);
  }
  return layer;
}

const EMPTY_LAYER: ImageLayer = imageLayer({});

/**
 * An in-memory file system: a container's writable layer over its image's shared read-only layer, as
 * overlayfs stacks them. Reads fall through to the image; writes, removals (whiteouts) and new
 * directories stay in the container. `readOnly` prefixes model read-only mounts (a ConfigMap volume):
 * writes under them fail with EROFS like on a real node.
 */
export class MemoryFileSystem implements FileSystem {
  /** The upper layer: content, or null for a whiteout (removed from the image). */
  private files = new Map<string, string | null>();
  /** The upper layer's directories: true created here, false removed from the image. */
  private dirs = new Map<string, boolean>();
  private readOnly: string[];

  constructor(
    files: Record<string, string> = {},
    dirs: readonly string[] = [],
    options: { readOnly?: string[]; lower?: ImageLayer } = {},
  ) {
    this.lower = options.lower ?? EMPTY_LAYER;
    this.readOnly = (options.readOnly ?? []).map(normalizePath);
    for (const d of dirs) this.addDirs(normalizePath(d));
    for (const [p, content] of Object.entries(files)) {
      const path = normalizePath(p);
      this.addDirs(parentOf(path));
      this.files.set(path, content);
    }
  }

  private readonly lower: ImageLayer;

  private fileAt(path: string): string | undefined {
    const up = this.files.get(path);
    if (up !== undefined) return up ?? undefined;
    return this.files.has(path) ? undefined : this.lower.files.get(path);
  }

  private hasFile(path: string): boolean {
    return this.fileAt(path) !== undefined;
  }

  private hasDir(path: string): boolean {
    const up = this.dirs.get(path);
    return up !== undefined ? up : this.lower.dirs.has(path);
  }

  private addDirs(path: string): void {
    for (let p = path; p !== '/' && !this.hasDir(p); p = parentOf(p)) this.dirs.set(p, true);
  }

  private isReadOnly(path: string): boolean {
    return this.readOnly.some((r) => path === r || path.startsWith(`${r}/`));
  }

  /** Every live path (files and directories) under `prefix`, from both layers. */
  private pathsUnder(prefix: string): string[] {
    const out = new Set<string>();
    for (const k of this.lower.files.keys()) if (k.startsWith(prefix) && this.hasFile(k)) out.add(k);
    for (const k of this.lower.dirs) if (k.startsWith(prefix) && this.hasDir(k)) out.add(k);
    for (const [k, v] of this.files) if (v !== null && k.startsWith(prefix)) out.add(k);
    for (const [k, v] of this.dirs) if (v && k.startsWith(prefix)) out.add(k);
    return [...out];
  }

  stat(p: string): 'file' | 'dir' | undefined {
    const path = normalizePath(p);
    if (path === '/dev/null') return 'file';
    if (this.hasFile(path)) return 'file';
    if (this.hasDir(path)) return 'dir';
    return undefined;
  }

  read(p: string): string | FsError {
    const path = normalizePath(p);
    if (path === '/dev/null') return '';
    const f = this.fileAt(path);
    if (f !== undefined) return f;
    if (this.hasDir(path)) return 'EISDIR';
    return 'ENOENT';
  }

  write(p: string, data: string, append = false): FsError | undefined {
    const path = normalizePath(p);
    if (path === '/dev/null') return undefined;
    if (this.hasDir(path)) return 'EISDIR';
    const parent = parentOf(path);
    if (this.hasFile(parent)) return 'ENOTDIR';
    if (!this.hasDir(parent)) return 'ENOENT';
    if (this.isReadOnly(path)) return 'EROFS';
    this.files.set(path, append ? (this.fileAt(path) ?? '') + data : data);
    return undefined;
  }

  remove(p: string, recursive = false): FsError | undefined {
    const path = normalizePath(p);
    if (this.isReadOnly(path)) return 'EROFS';
    if (this.hasFile(path)) {
      this.whiteoutFile(path);
      return undefined;
    }
    if (!this.hasDir(path)) return 'ENOENT';
    if (!recursive) return 'EISDIR';
    for (const c of this.pathsUnder(`${path}/`)) {
      if (this.hasFile(c)) this.whiteoutFile(c);
      else this.whiteoutDir(c);
    }
    this.whiteoutDir(path);
    return undefined;
  }

  private whiteoutFile(path: string): void {
    if (this.lower.files.has(path)) this.files.set(path, null);
    else this.files.delete(path);
  }

  private whiteoutDir(path: string): void {
    if (this.lower.dirs.has(path)) this.dirs.set(path, false);
    else this.dirs.delete(path);
  }

  mkdir(p: string, parents = false): FsError | undefined {
    const path = normalizePath(p);
    if (this.hasDir(path)) return parents ? undefined : 'EEXIST';
    if (this.hasFile(path)) return 'EEXIST';
    if (this.isReadOnly(path)) return 'EROFS';
    const parent = parentOf(path);
    if (!this.hasDir(parent)) {
      if (!parents) return this.hasFile(parent) ? 'ENOTDIR' : 'ENOENT';
      const e = this.mkdir(parent, true);
      if (e) return e;
    }
    this.dirs.set(path, true);
    return undefined;
  }

  list(p: string): string[] | FsError {
    const path = normalizePath(p);
    if (this.hasFile(path)) return 'ENOTDIR';
    if (!this.hasDir(path)) return 'ENOENT';
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const k of this.pathsUnder(prefix)) {
      const first = k.slice(prefix.length).split('/')[0];
      if (first) names.add(first);
    }
    return [...names].sort();
  }
}

/** A directory's own files, rooted at `/` (a volume on the node): no `/dev`, unlike a container's root. */
export function directoryFileSystem(files: Record<string, string>): MemoryFileSystem {
  return new MemoryFileSystem(files, [], { lower: { files: new Map(), dirs: new Set(['/']) } });
}

/**
 * A bind mount the runtime puts into a container (the CRI's Mount): `source` is the directory on the
 * node (a volume, rooted at its own `/`), seen at `containerPath`. `sourcePath` picks one entry of it
 * (a subPath mount, often a single file). Reads follow the source as it is now, so a volume the kubelet
 * rewrites is seen at once by every container that mounts it.
 */
export interface Mount {
  containerPath: string;
  source: FileSystem;
  sourcePath?: string;
  readOnly: boolean;
}

/**
 * A container's file system with bind mounts over it: a path under a mount point is the mount's, which
 * hides whatever the image had there; anything else is the container's own. The mount points themselves
 * are made in the container first, as runc does (a directory, or an empty file for a file mount), so
 * listing a parent shows them.
 */
export class MountedFileSystem implements FileSystem {
  private readonly mounts: Array<Mount & { at: string; from: string }>;

  constructor(
    private readonly base: FileSystem,
    mounts: readonly Mount[],
  ) {
    // Longest mount point first, so a mount inside another one wins.
    this.mounts = mounts
      .map((m) => ({ ...m, at: normalizePath(m.containerPath), from: normalizePath(m.sourcePath ?? '/') }))
      .sort((a, b) => b.at.length - a.at.length);
    for (const m of [...this.mounts].reverse()) {
      if (m.source.stat(m.from) === 'file') {
        base.mkdir(parentOf(m.at), true);
        if (base.stat(m.at) !== 'file') base.write(m.at, '');
      } else base.mkdir(m.at, true);
    }
  }

  private resolve(p: string): { fs: FileSystem; path: string; mount?: Mount } {
    const path = normalizePath(p);
    for (const m of this.mounts) {
      if (path === m.at) return { fs: m.source, path: m.from, mount: m };
      if (path.startsWith(m.at === '/' ? '/' : `${m.at}/`)) return { fs: m.source, path: normalizePath(`${m.from}/${path.slice(m.at.length)}`), mount: m };
    }
    return { fs: this.base, path };
  }

  stat(p: string): 'file' | 'dir' | undefined {
    const r = this.resolve(p);
    return r.fs.stat(r.path);
  }

  read(p: string): string | FsError {
    const r = this.resolve(p);
    return r.fs.read(r.path);
  }

  write(p: string, data: string, append?: boolean): FsError | undefined {
    const r = this.resolve(p);
    if (r.mount?.readOnly) return r.fs.stat(r.path) === 'dir' ? 'EISDIR' : 'EROFS';
    return r.fs.write(r.path, data, append);
  }

  remove(p: string, recursive?: boolean): FsError | undefined {
    const r = this.resolve(p);
    if (r.mount?.readOnly) return r.fs.stat(r.path) ? 'EROFS' : 'ENOENT';
    return r.fs.remove(r.path, recursive);
  }

  mkdir(p: string, parents?: boolean): FsError | undefined {
    const r = this.resolve(p);
    if (r.mount?.readOnly) return r.fs.stat(r.path) ? (parents && r.fs.stat(r.path) === 'dir' ? undefined : 'EEXIST') : 'EROFS';
    return r.fs.mkdir(r.path, parents);
  }

  list(p: string): string[] | FsError {
    const r = this.resolve(p);
    return r.fs.list(r.path);
  }
}
