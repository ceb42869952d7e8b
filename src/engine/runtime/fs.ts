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

/**
 * An in-memory file system seeded with the image's files. `readOnly` prefixes model read-only mounts
 * (a ConfigMap volume): writes under them fail with EROFS like on a real node.
 */
export class MemoryFileSystem implements FileSystem {
  private files = new Map<string, string>();
  private dirs = new Set<string>(['/']);
  private readOnly: string[];

  constructor(
    files: Record<string, string> = {},
    dirs: readonly string[] = [],
    options: { readOnly?: string[] } = {},
  ) {
    this.readOnly = (options.readOnly ?? []).map(normalizePath);
    for (const d of dirs) this.addDirs(normalizePath(d));
    for (const [p, content] of Object.entries(files)) {
      const path = normalizePath(p);
      this.addDirs(parentOf(path));
      this.files.set(path, content);
    }
    this.addDirs('/dev');
  }

  private addDirs(path: string): void {
    let p = path;
    while (p !== '/' && !this.dirs.has(p)) {
      this.dirs.add(p);
      p = parentOf(p);
    }
  }

  private isReadOnly(path: string): boolean {
    return this.readOnly.some((r) => path === r || path.startsWith(`${r}/`));
  }

  stat(p: string): 'file' | 'dir' | undefined {
    const path = normalizePath(p);
    if (path === '/dev/null') return 'file';
    if (this.files.has(path)) return 'file';
    if (this.dirs.has(path)) return 'dir';
    return undefined;
  }

  read(p: string): string | FsError {
    const path = normalizePath(p);
    if (path === '/dev/null') return '';
    const f = this.files.get(path);
    if (f !== undefined) return f;
    if (this.dirs.has(path)) return 'EISDIR';
    return 'ENOENT';
  }

  write(p: string, data: string, append = false): FsError | undefined {
    const path = normalizePath(p);
    if (path === '/dev/null') return undefined;
    if (this.dirs.has(path)) return 'EISDIR';
    const parent = parentOf(path);
    if (this.files.has(parent)) return 'ENOTDIR';
    if (!this.dirs.has(parent)) return 'ENOENT';
    if (this.isReadOnly(path)) return 'EROFS';
    this.files.set(path, append ? (this.files.get(path) ?? '') + data : data);
    return undefined;
  }

  remove(p: string, recursive = false): FsError | undefined {
    const path = normalizePath(p);
    if (this.isReadOnly(path)) return 'EROFS';
    if (this.files.delete(path)) return undefined;
    if (!this.dirs.has(path)) return 'ENOENT';
    const prefix = `${path}/`;
    const children = [...this.files.keys(), ...this.dirs].filter((k) => k.startsWith(prefix));
    if (!recursive) return 'EISDIR';
    for (const c of children) {
      this.files.delete(c);
      this.dirs.delete(c);
    }
    this.dirs.delete(path);
    return undefined;
  }

  mkdir(p: string, parents = false): FsError | undefined {
    const path = normalizePath(p);
    if (this.dirs.has(path)) return parents ? undefined : 'EEXIST';
    if (this.files.has(path)) return 'EEXIST';
    if (this.isReadOnly(path)) return 'EROFS';
    const parent = parentOf(path);
    if (!this.dirs.has(parent)) {
      if (!parents) return this.files.has(parent) ? 'ENOTDIR' : 'ENOENT';
      const e = this.mkdir(parent, true);
      if (e) return e;
    }
    this.dirs.add(path);
    return undefined;
  }

  list(p: string): string[] | FsError {
    const path = normalizePath(p);
    if (this.files.has(path)) return 'ENOTDIR';
    if (!this.dirs.has(path)) return 'ENOENT';
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) {
      if (k !== path && k.startsWith(prefix)) {
        const rest = k.slice(prefix.length);
        const first = rest.split('/')[0];
        if (first) names.add(first);
      }
    }
    return [...names].sort();
  }
}
