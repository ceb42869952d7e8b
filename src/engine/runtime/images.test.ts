import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './images-data';
import {
  InvalidImageNameError,
  familiarName,
  knownRepositories,
  knownTags,
  lookupProgram,
  parseImageRef,
  pullDurationMs,
  pullFailedEventMessage,
  resolveImage,
} from './images';
import { effectiveArgv } from './process';

describe('parseImageRef', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', 'latest', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', 'docker.io/library/nginx:1.25'],
    ['docker.io/library/nginx:1.25', 'docker.io', 'library/nginx', '1.25', 'docker.io/library/nginx:1.25'],
    ['docker.io/nginx:1.25', 'docker.io', 'library/nginx', '1.25', 'docker.io/library/nginx:1.25'],
    [
      'index.docker.io/library/nginx',
      'docker.io',
      'library/nginx',
      'latest',
      'docker.io/library/nginx:latest',
    ],
    [
      'hashicorp/http-echo',
      'docker.io',
      'hashicorp/http-echo',
      'latest',
      'docker.io/hashicorp/http-echo:latest',
    ],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io', 'pause', '3.10', 'registry.k8s.io/pause:3.10'],
    [
      'registry.k8s.io/coredns/coredns:v1.12.0',
      'registry.k8s.io',
      'coredns/coredns',
      'v1.12.0',
      'registry.k8s.io/coredns/coredns:v1.12.0',
    ],
    ['localhost/app', 'localhost', 'app', 'latest', 'localhost/app:latest'],
    ['localhost:5000/team/app:v2', 'localhost:5000', 'team/app', 'v2', 'localhost:5000/team/app:v2'],
    [
      'gcr.io/google-samples/hello-app:1.0',
      'gcr.io',
      'google-samples/hello-app',
      '1.0',
      'gcr.io/google-samples/hello-app:1.0',
    ],
  ])('%s', (raw, registry, repository, tag, canonical) => {
    const ref = parseImageRef(raw);
    expect(ref).toMatchObject({
      raw,
      registry,
      repository,
      tag,
      canonical,
      name: `${registry}/${repository}`,
    });
    expect(ref.digest).toBeUndefined();
  });

  it('treats docker.io/library/nginx:1.25 and nginx:1.25 as the same image', () => {
    expect(parseImageRef('docker.io/library/nginx:1.25').canonical).toBe(
      parseImageRef('nginx:1.25').canonical,
    );
  });

  it('keeps a digest and has no default tag then', () => {
    const d = `sha256:${'ab'.repeat(32)}`;
    const ref = parseImageRef(`nginx@${d}`);
    expect(ref.tag).toBeUndefined();
    expect(ref.digest).toBe(d);
    expect(ref.canonical).toBe(`docker.io/library/nginx@${d}`);
  });

  it('gives back the familiar short form', () => {
    expect(familiarName(parseImageRef('docker.io/library/nginx'))).toBe('nginx:latest');
    expect(familiarName(parseImageRef('registry.k8s.io/pause:3.10'))).toBe('registry.k8s.io/pause:3.10');
  });

  it.each([
    ['NGINX', 'invalid reference format: repository name (library/NGINX) must be lowercase'],
    ['nginx:1.25:2', 'invalid reference format'],
    ['nginx:', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [
      'a'.repeat(64),
      `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`,
    ],
    ['', 'repository name must have at least one component'],
  ])('rejects %j like the kubelet', (raw, reason) => {
    expect(() => parseImageRef(raw)).toThrow(InvalidImageNameError);
    expect(() => parseImageRef(raw)).toThrow(
      `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${reason}`,
    );
  });
});

describe('resolveImage', () => {
  it('resolves known tags of the catalogue', () => {
    for (const ref of [
      'nginx:1.25',
      'nginx:1.25.5',
      'nginx:1.26',
      'nginx:1.27',
      'nginx:1.27-alpine',
      'nginx:1.28',
      'nginx:1.14.2',
      'redis:7',
      'redis:7.2',
      'redis:7.4',
      'busybox:1.36',
      'busybox:1.37',
      'busybox:1.28',
      'alpine:3.20',
      'postgres:16',
      'mysql:8.0',
      'mongo:7',
      'node:20-alpine',
      'python:3.12-slim',
      'registry.k8s.io/pause:3.10',
      'registry.k8s.io/kube-apiserver:v1.33.1',
      'registry.k8s.io/etcd:3.5.21-0',
      'registry.k8s.io/coredns/coredns:v1.12.0',
      'registry.k8s.io/e2e-test-images/agnhost:2.39',
      'hashicorp/http-echo:0.2.3',
      'perl:5.34.0',
    ]) {
      const r = resolveImage(ref);
      expect(r.ok, ref).toBe(true);
    }
  });

  it('reports an unknown tag as containerd does (gRPC NotFound)', () => {
    const r = resolveImage('nginx:1.255');
    expect(r).toEqual({
      ok: false,
      reason: 'NotFound',
      cause: 'tag-not-found',
      grpcCode: 'NotFound',
      message:
        'failed to pull and unpack image "docker.io/library/nginx:1.255": failed to resolve reference "docker.io/library/nginx:1.255": docker.io/library/nginx:1.255: not found',
    });
    if (r.ok) return;
    expect(pullFailedEventMessage('nginx:1.255', r)).toBe(
      `Failed to pull image "nginx:1.255": rpc error: code = NotFound desc = ${r.message}`,
    );
  });

  it('reports the Deployment tutorial typo nginx:1.161 as not found', () => {
    expect(resolveImage('nginx:1.161')).toMatchObject({
      ok: false,
      reason: 'NotFound',
      cause: 'tag-not-found',
    });
    expect(resolveImage('nginx:1.16.1').ok).toBe(true);
  });

  it('reports an unknown Docker Hub repository as pull access denied', () => {
    const r = resolveImage('nosuchuser/nosuchimage:1.0');
    expect(r).toMatchObject({
      ok: false,
      reason: 'NotFound',
      cause: 'repository-not-found',
      grpcCode: 'Unknown',
    });
    expect(!r.ok && r.message).toBe(
      'failed to pull and unpack image "docker.io/nosuchuser/nosuchimage:1.0": failed to resolve reference "docker.io/nosuchuser/nosuchimage:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('reports an unknown repository of another registry as not found', () => {
    const r = resolveImage('registry.k8s.io/no-such-thing:v1');
    expect(!r.ok && r.message).toBe(
      'failed to pull and unpack image "registry.k8s.io/no-such-thing:v1": failed to resolve reference "registry.k8s.io/no-such-thing:v1": registry.k8s.io/no-such-thing:v1: not found',
    );
  });

  it('fails to reach registries that do not exist', () => {
    const r = resolveImage('myregistry.local/app:1');
    expect(r).toMatchObject({ ok: false, cause: 'registry-unreachable' });
    expect(!r.ok && r.message).toContain(
      'failed to do request: Head "https://myregistry.local/v2/app/manifests/1": dial tcp: lookup myregistry.local: no such host',
    );
    const local = resolveImage('localhost:5000/app');
    expect(!local.ok && local.message).toContain('dial tcp [::1]:5000: connect: connection refused');
  });

  it('passes malformed references through as InvalidImageName', () => {
    const r = resolveImage('NGINX');
    expect(r).toMatchObject({ ok: false, reason: 'InvalidImageName' });
    expect(!r.ok && pullFailedEventMessage('NGINX', r)).toBe(
      `Failed to apply default image tag "NGINX": couldn't parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase`,
    );
  });

  it('derives digests and IDs deterministically from the name; aliases share them', () => {
    const a = resolveImage('nginx:1.27');
    const b = resolveImage('docker.io/library/nginx:1.27.5');
    const c = resolveImage('nginx:1.26');
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected images');
    expect(a.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.image.imageID).toBe(`docker.io/library/nginx@${a.image.digest}`);
    expect(a.image.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.image.id).not.toBe(a.image.digest);
    expect(b.image.digest).toBe(a.image.digest);
    expect(c.image.digest).not.toBe(a.image.digest);
    expect(a.image.tags).toEqual(['1.27.5', '1.27']);
    const again = resolveImage('nginx:1.27');
    expect(again.ok && again.image.digest).toBe(a.image.digest);
  });

  it('resolves a digest reference that names a known image, and only that', () => {
    const a = resolveImage('redis:7.4');
    if (!a.ok) throw new Error('expected redis');
    const byDigest = resolveImage(`redis@${a.image.digest}`);
    expect(byDigest.ok && byDigest.image.name).toBe(`docker.io/library/redis@${a.image.digest}`);
    expect(byDigest.ok && byDigest.image.vars.version).toBe('7.4.2');
    const missing = resolveImage(`redis@sha256:${'0'.repeat(64)}`);
    expect(!missing.ok && missing.message).toBe(
      `failed to pull and unpack image "docker.io/library/redis@sha256:${'0'.repeat(64)}": failed to resolve reference "docker.io/library/redis@sha256:${'0'.repeat(64)}": docker.io/library/redis@sha256:${'0'.repeat(64)}: not found`,
    );
  });

  it('derives the pull time from the size: 2 s plus size at 30 MB/s', () => {
    expect(pullDurationMs(0)).toBe(2000);
    expect(pullDurationMs(30_000_000)).toBe(3000);
    const nginx = resolveImage('nginx:1.27');
    const busybox = resolveImage('busybox:1.36');
    if (!nginx.ok || !busybox.ok) throw new Error('expected images');
    expect(nginx.image.sizeBytes).toBeGreaterThan(60_000_000);
    expect(nginx.image.sizeBytes).toBeLessThan(80_000_000);
    expect(busybox.image.sizeBytes).toBeLessThan(3_000_000);
    expect(nginx.image.pullMs).toBe(pullDurationMs(nginx.image.sizeBytes));
    expect(busybox.image.pullMs).toBeLessThan(nginx.image.pullMs);
  });

  it('describes image configuration: entrypoint, cmd, shell, ports, stop signal', () => {
    const get = (ref: string) => {
      const r = resolveImage(ref);
      if (!r.ok) throw new Error(ref);
      return r.image;
    };
    expect(get('busybox').config).toMatchObject({ entrypoint: [], cmd: ['sh'] });
    expect(get('alpine').config.cmd).toEqual(['/bin/sh']);
    expect(get('nginx').config).toMatchObject({
      entrypoint: ['/docker-entrypoint.sh'],
      cmd: ['nginx', '-g', 'daemon off;'],
      exposedPorts: [80],
      stopSignal: 'SIGQUIT',
    });
    expect(get('python:3.12').config.cmd).toEqual(['python3']);
    expect(get('node:22').config).toMatchObject({ entrypoint: ['docker-entrypoint.sh'], cmd: ['node'] });
    expect(get('busybox').hasShell).toBe(true);
    expect(get('registry.k8s.io/pause:3.10').hasShell).toBe(false);
    expect(get('hashicorp/http-echo').hasShell).toBe(false);
    expect(get('nginx:1.27').config.env.NGINX_VERSION).toBe('1.27.5');
    expect(get('postgres:17').config.env.PGDATA).toBe('/var/lib/postgresql/data');
  });

  it('lists repositories and their tags', () => {
    expect(knownRepositories()).toContain('docker.io/library/nginx');
    expect(knownTags('nginx')).toEqual(
      expect.arrayContaining(['latest', '1.25', '1.25.5', '1.26', '1.27', '1.27-alpine', '1.28', 'alpine']),
    );
    expect(knownTags('redis')).toEqual(expect.arrayContaining(['7', '7.2', '7.4', 'latest']));
    expect(knownTags('busybox')).toEqual(expect.arrayContaining(['1.36', '1.37', 'latest']));
    expect(knownTags('nosuch')).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has every required repository with a latest-or-pinned tag set', () => {
    const names = knownRepositories();
    for (const n of [
      'docker.io/library/nginx',
      'docker.io/library/httpd',
      'docker.io/library/redis',
      'docker.io/library/busybox',
      'docker.io/library/alpine',
      'docker.io/library/postgres',
      'docker.io/library/mysql',
      'docker.io/library/mongo',
      'docker.io/library/node',
      'docker.io/library/python',
      'docker.io/hashicorp/http-echo',
      'registry.k8s.io/pause',
      'registry.k8s.io/kube-apiserver',
      'registry.k8s.io/etcd',
      'registry.k8s.io/kube-scheduler',
      'registry.k8s.io/kube-controller-manager',
      'registry.k8s.io/kube-proxy',
      'registry.k8s.io/coredns/coredns',
      'registry.k8s.io/e2e-test-images/agnhost',
    ])
      expect(names, n).toContain(n);
  });

  it('never lists a tag twice in a repository', () => {
    for (const repo of CATALOGUE) {
      const seen = new Set<string>();
      for (const g of repo.tags)
        for (const t of g.tags) {
          expect(seen.has(t), `${repo.repository}:${t}`).toBe(false);
          seen.add(t);
        }
    }
  });

  it('can start every image: its default command exists inside it', () => {
    for (const repo of CATALOGUE) {
      for (const g of repo.tags) {
        const ref = `${repo.registry}/${repo.repository}:${g.tags[0]}`;
        const r = resolveImage(ref);
        expect(r.ok, ref).toBe(true);
        if (!r.ok) continue;
        const argv = effectiveArgv(r.image, {});
        expect(argv.length, ref).toBeGreaterThan(0);
        expect(
          lookupProgram(r.image, argv[0]!, r.image.config.env.PATH ?? ''),
          `${ref} ${argv[0]}`,
        ).toBeDefined();
      }
    }
  });
});
