/**
 * The simulated image registry and image store: image reference parsing with Docker's normalisation
 * rules, resolution of a reference against the catalogue (images-data.ts), and the facts the kubelet
 * shows about a pulled image (image ID, size, pull duration) — all deterministic, derived from names.
 *
 * Error messages are the ones containerd and the kubelet print, so a learner who mistypes a tag sees
 * the same `ErrImagePull` text as on a real cluster:
 * - kubelet `InvalidImageName`: `Failed to apply default image tag "NGINX": couldn't parse image name
 *   "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase`
 *   (pkg/kubelet/images applyDefaultImageTag + distribution/reference ParseNormalizedNamed);
 * - containerd, unknown tag (gRPC NotFound): `failed to pull and unpack image "docker.io/library/nginx:1.255":
 *   failed to resolve reference "docker.io/library/nginx:1.255": docker.io/library/nginx:1.255: not found`;
 * - containerd, unknown Docker Hub repository (gRPC Unknown): `... pull access denied, repository does
 *   not exist or may require authorization: server message: insufficient_scope: authorization failed`.
 */
import { BASES, CATALOGUE, KNOWN_REGISTRIES } from './images-data';
import type {
  BaseOsData,
  ImageConfigData,
  ProgramData,
  RepositoryData,
  SignalName,
  TagGroupData,
  UtilFlavour,
} from './images-data';
import { sha256Hex } from './sha256';

export type { ProgramData, SignalName, UtilFlavour } from './images-data';

export const DEFAULT_REGISTRY = 'docker.io';
export const DEFAULT_TAG = 'latest';

/** A parsed, normalised image reference. `nginx:1.25` and `docker.io/library/nginx:1.25` are equal. */
export interface ImageRef {
  /** What was written in the Pod spec. */
  raw: string;
  /** Registry host (with port if any): `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  registry: string;
  /** Path in the registry, Docker Hub official images under `library/`. */
  repository: string;
  /** `latest` when neither tag nor digest was given (the kubelet's default tag); absent for digest-only refs. */
  tag?: string;
  /** `sha256:<64 hex>` when pinned by digest. */
  digest?: string;
  /** `docker.io/library/nginx` */
  name: string;
  /** The fully qualified reference containerd reports: `docker.io/library/nginx:1.25`. */
  canonical: string;
}

/** A malformed reference: the kubelet marks the container `InvalidImageName` and never pulls. */
export class InvalidImageNameError extends Error {
  readonly reason = 'InvalidImageName';
}

// distribution/reference grammar (reference/regexp.go).
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/** distribution/reference splitDockerDomain: the first component is a host only if it looks like one. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_REGISTRY;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = DEFAULT_REGISTRY;
  if (domain === DEFAULT_REGISTRY && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

/** The error text of distribution/reference's ParseNormalizedNamed, or undefined when valid. */
function normalizeError(s: string): string | undefined {
  if (ANCHORED_IDENTIFIER_RE.test(s))
    return `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`;
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote)
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  const full = `${domain}/${remainder}`;
  const m = REFERENCE_RE.exec(full);
  if (!m) {
    if (s === '') return 'repository name must have at least one component';
    if (REFERENCE_RE.test(full.toLowerCase()))
      return 'invalid reference format: repository name must be lowercase';
    return 'invalid reference format';
  }
  if (m[1]!.length > NAME_TOTAL_LENGTH_MAX)
    return `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
  const digest = m[3];
  if (digest) {
    const [alg, hex] = digest.split(':') as [string, string];
    if (alg !== 'sha256' && alg !== 'sha384' && alg !== 'sha512') return 'unsupported digest algorithm';
    const want = alg === 'sha256' ? 64 : alg === 'sha384' ? 96 : 128;
    if (hex.length !== want) return 'invalid checksum digest length';
  }
  return undefined;
}

/**
 * Parses and normalises an image reference the way the kubelet does before pulling: Docker Hub is the
 * default registry, official images live under `library/`, and a missing tag means `latest`.
 * @throws InvalidImageNameError with the kubelet's message for malformed references.
 */
export function parseImageRef(raw: string): ImageRef {
  const err = normalizeError(raw);
  if (err !== undefined) {
    throw new InvalidImageNameError(
      `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${err}`,
    );
  }
  const [registry, remainder] = splitDockerDomain(raw);
  const m = REFERENCE_RE.exec(`${registry}/${remainder}`)!;
  const fullName = m[1]!;
  const repository = fullName.slice(registry.length + 1);
  const digest = m[3]?.toLowerCase();
  const tag = m[2] ?? (digest ? undefined : DEFAULT_TAG);
  const name = `${registry}/${repository}`;
  const canonical = digest ? `${name}@${digest}` : `${name}:${tag}`;
  return {
    raw,
    registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest ? { digest } : {}),
    name,
    canonical,
  };
}

/** The familiar short form Docker prints (`nginx:1.25`, `bitnami/redis:7`). */
export function familiarName(ref: ImageRef): string {
  let n = ref.registry === DEFAULT_REGISTRY ? ref.repository : ref.name;
  if (ref.registry === DEFAULT_REGISTRY && n.startsWith('library/')) n = n.slice('library/'.length);
  return ref.digest ? `${n}@${ref.digest}` : `${n}:${ref.tag ?? DEFAULT_TAG}`;
}

// ---------------------------------------------------------------------------------------------------
// Resolved images

/** The image configuration (`docker inspect` `.Config`), with templates already filled. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  /** ENV of the image (PATH first), as a map. */
  env: Record<string, string>;
  workingDir: string;
  user: string;
  exposedPorts: number[];
  /** STOPSIGNAL; SIGTERM unless the image says otherwise (nginx: SIGQUIT). */
  stopSignal: SignalName;
}

/** A pulled image: what the kubelet and the container runtime need to know about it. */
export interface Image {
  ref: ImageRef;
  /** containerd's name of the pulled image: `docker.io/library/nginx:1.25`. */
  name: string;
  /** Manifest digest `sha256:<64 hex>`, the same for every tag that points at this image. */
  digest: string;
  /** What the kubelet puts in `containerStatuses[].imageID`: `docker.io/library/nginx@sha256:...`. */
  imageID: string;
  /** The image (config) ID `crictl images` shows: `sha256:...`. */
  id: string;
  /** Every tag that names this same image (`1.27.5`, `1.27`, `latest`...). */
  tags: string[];
  /** Compressed size in bytes; the kubelet's "Image size: N bytes." */
  sizeBytes: number;
  /** How long pulling takes on the simulated network (see pullDurationMs). */
  pullMs: number;
  config: ImageConfig;
  /** Whether `/bin/sh` exists (so `kubectl exec -- sh` and `sh -c` commands work). */
  hasShell: boolean;
  /** Template variables of this tag (version strings...). */
  vars: Readonly<Record<string, string>>;
  /** Every executable by absolute path. */
  programs: ReadonlyMap<string, ProgramData>;
  /** Files the image ships, by absolute path. */
  files: Readonly<Record<string, string>>;
  dirs: readonly string[];
  /** Whether utilities behave like busybox or like GNU coreutils/bind (output formats differ). */
  utilFlavour: UtilFlavour;
}

export type ImageResolution =
  | { ok: true; image: Image }
  | {
      ok: false;
      /** `InvalidImageName` never pulls; `NotFound` is an ErrImagePull that retries with back-off. */
      reason: 'NotFound' | 'InvalidImageName';
      /** Precisely why, for UIs and lessons. */
      cause: 'invalid-reference' | 'tag-not-found' | 'repository-not-found' | 'registry-unreachable';
      /** The runtime's message (containerd), or the kubelet's for InvalidImageName. */
      message: string;
      /** gRPC status code containerd returns to the kubelet (`rpc error: code = NotFound desc = ...`). */
      grpcCode?: 'NotFound' | 'Unknown';
    };

/** Fixed cost of a pull (resolve, auth, manifest, unpack), in ms. */
export const PULL_BASE_MS = 2000;
/** Simulated download bandwidth, bytes per second. */
export const PULL_BYTES_PER_SECOND = 30_000_000;

/** Pull duration for `sizeBytes`: 2 s plus size at 30 MB/s. Deterministic so runs replay exactly. */
export function pullDurationMs(sizeBytes: number): number {
  return Math.round(PULL_BASE_MS + (sizeBytes / PULL_BYTES_PER_SECOND) * 1000);
}

interface RepoIndex {
  data: RepositoryData;
  byTag: Map<string, TagGroupData>;
  byDigest: Map<string, TagGroupData>;
}

let index: Map<string, RepoIndex> | undefined;

function groupDigestHex(repo: RepositoryData, group: TagGroupData): string {
  return sha256Hex(`${repo.registry}/${repo.repository}:${group.tags[0]}`);
}

function getIndex(): Map<string, RepoIndex> {
  if (index) return index;
  index = new Map();
  for (const data of CATALOGUE) {
    const key = `${data.registry}/${data.repository}`;
    const entry: RepoIndex = index.get(key) ?? { data, byTag: new Map(), byDigest: new Map() };
    for (const g of data.tags) {
      for (const t of g.tags) entry.byTag.set(t, g);
      entry.byDigest.set(`sha256:${groupDigestHex(data, g)}`, g);
    }
    index.set(key, entry);
  }
  return index;
}

/** Fills `{name}` placeholders from static variables; unknown names are left as they are. */
function fillStatic(s: string, vars: Record<string, string>): string {
  return s.replace(/\{([a-zA-Z][\w.]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function pullFailure(
  ref: ImageRef,
  detail: string,
  cause: 'tag-not-found' | 'repository-not-found' | 'registry-unreachable',
  grpcCode: 'NotFound' | 'Unknown',
): ImageResolution {
  const c = ref.canonical;
  return {
    ok: false,
    reason: 'NotFound',
    cause,
    grpcCode,
    message: `failed to pull and unpack image "${c}": failed to resolve reference "${c}": ${detail}`,
  };
}

/**
 * Resolves a reference against the simulated registries.
 * @example resolveImage('nginx:1.25') // { ok: true, image: { name: 'docker.io/library/nginx:1.25', ... } }
 */
export function resolveImage(raw: string): ImageResolution {
  let ref: ImageRef;
  try {
    ref = parseImageRef(raw);
  } catch (e) {
    if (e instanceof InvalidImageNameError)
      return { ok: false, reason: 'InvalidImageName', cause: 'invalid-reference', message: e.message };
    throw e;
  }
  const repo = getIndex().get(ref.name);
  if (!repo) {
    if (!KNOWN_REGISTRIES.includes(ref.registry)) {
      const host = ref.registry.replace(/:\d+$/, '');
      const what = ref.digest ?? ref.tag ?? DEFAULT_TAG;
      const url = `https://${ref.registry}/v2/${ref.repository}/manifests/${what}`;
      const dial =
        host === 'localhost' || host === '127.0.0.1'
          ? `dial tcp ${host === 'localhost' ? '[::1]' : '127.0.0.1'}:${/:(\d+)$/.exec(ref.registry)?.[1] ?? '443'}: connect: connection refused`
          : `dial tcp: lookup ${host}: no such host`;
      return pullFailure(
        ref,
        `failed to do request: Head "${url}": ${dial}`,
        'registry-unreachable',
        'Unknown',
      );
    }
    if (ref.registry === DEFAULT_REGISTRY) {
      return pullFailure(
        ref,
        'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
        'repository-not-found',
        'Unknown',
      );
    }
    return pullFailure(ref, `${ref.canonical}: not found`, 'repository-not-found', 'NotFound');
  }
  const group = ref.digest ? repo.byDigest.get(ref.digest) : repo.byTag.get(ref.tag ?? DEFAULT_TAG);
  if (!group) return pullFailure(ref, `${ref.canonical}: not found`, 'tag-not-found', 'NotFound');
  return { ok: true, image: buildImage(ref, repo.data, group) };
}

/** The kubelet's event text for a failed pull: `Failed to pull image "x": rpc error: code = ... desc = ...`. */
export function pullFailedEventMessage(
  raw: string,
  failure: Extract<ImageResolution, { ok: false }>,
): string {
  if (failure.reason === 'InvalidImageName') return failure.message;
  return `Failed to pull image "${raw}": rpc error: code = ${failure.grpcCode ?? 'Unknown'} desc = ${failure.message}`;
}

function addProgram(map: Map<string, ProgramData>, path: string, p: ProgramData): void {
  if (!map.has(path)) map.set(path, p);
}

/** Builds the executable table: the image's own programs, then the base's utilities and shells. */
function buildPrograms(base: BaseOsData, config: ImageConfigData): Map<string, ProgramData> {
  const map = new Map<string, ProgramData>();
  for (const [path, p] of Object.entries(config.programs ?? {})) map.set(path, p);
  const utils = [...base.utils, ...(config.extraUtils ?? [])];
  for (const u of utils) {
    let p: ProgramData;
    if (u === 'sh') p = { kind: 'shell', flavour: base.sh ?? 'ash' };
    else if (u === 'ash') p = { kind: 'shell', flavour: 'ash' };
    else if (u === 'bash') p = { kind: 'shell', flavour: 'bash' };
    else p = { kind: 'util', name: u };
    for (const dir of base.utilDirs ?? ['/bin', '/usr/bin']) addProgram(map, `${dir}/${u}`, p);
  }
  for (const u of base.unsimulated ?? [])
    addProgram(map, `${(base.utilDirs ?? ['/usr/bin'])[0]}/${u}`, { kind: 'unsimulated' });
  return map;
}

function buildImage(ref: ImageRef, repo: RepositoryData, group: TagGroupData): Image {
  const config = repo.configs[group.config];
  if (!config)
    throw new Error(
      `catalogue: ${repo.repository} tag ${group.tags[0]} names unknown config ${group.config}`,
    );
  const base = BASES[config.base];
  if (!base) throw new Error(`catalogue: unknown base ${config.base}`);
  const vars: Record<string, string> = { ...(group.vars ?? {}) };
  const hex = groupDigestHex(repo, group);
  const digest = `sha256:${hex}`;
  // Real sizes are never round: add a deterministic sub-megabyte remainder.
  const sizeBytes = Math.round(group.sizeMB * 1_000_000) + (parseInt(hex.slice(0, 6), 16) % 100_000);
  const env: Record<string, string> = { ...base.env };
  for (const [k, v] of Object.entries(config.env ?? {})) env[k] = fillStatic(v, vars);
  const programs = buildPrograms(base, config);
  const name = ref.digest ? `${ref.name}@${ref.digest}` : `${ref.name}:${ref.tag ?? DEFAULT_TAG}`;
  return {
    ref,
    name,
    digest,
    imageID: `${ref.name}@${digest}`,
    id: `sha256:${sha256Hex(`config:${repo.registry}/${repo.repository}:${group.tags[0]}`)}`,
    tags: [...group.tags],
    sizeBytes,
    pullMs: pullDurationMs(sizeBytes),
    config: {
      entrypoint: [...config.entrypoint],
      cmd: [...config.cmd],
      env,
      workingDir: config.workingDir ?? '/',
      user: config.user ?? 'root',
      exposedPorts: [...(config.exposedPorts ?? [])],
      stopSignal: config.stopSignal ?? 'SIGTERM',
    },
    hasShell: programs.get('/bin/sh')?.kind === 'shell',
    vars,
    programs,
    files: { ...(base.files ?? {}), ...(config.files ?? {}) },
    dirs: [...new Set([...(base.dirs ?? []), ...(config.dirs ?? [])])],
    utilFlavour: base.flavour,
  };
}

/** Every repository the simulated registries hold, as `registry/repository`. */
export function knownRepositories(): string[] {
  return [...getIndex().keys()];
}

/** The tags of a repository (any reference form: `nginx`, `docker.io/library/nginx`). */
export function knownTags(repository: string): string[] {
  const ref = parseImageRef(repository);
  const repo = getIndex().get(ref.name);
  return repo ? [...repo.byTag.keys()] : [];
}

/**
 * Finds an executable the way execve+PATH would: names with a `/` are paths (relative to `cwd`),
 * others are searched in PATH order.
 */
export function lookupProgram(
  image: Image,
  name: string,
  path: string,
  cwd = '/',
): { path: string; program: ProgramData } | undefined {
  if (name.includes('/')) {
    const abs = normalizePath(name.startsWith('/') ? name : `${cwd}/${name}`);
    const p = image.programs.get(abs);
    return p ? { path: abs, program: p } : undefined;
  }
  for (const dir of path.split(':')) {
    if (!dir) continue;
    const full = `${dir.replace(/\/+$/, '')}/${name}`;
    const p = image.programs.get(full);
    if (p) return { path: full, program: p };
  }
  return undefined;
}

/** Collapses `.`/`..`/duplicate slashes of an absolute path. */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}
