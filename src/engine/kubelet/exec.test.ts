import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors';
import type { ExecChunk, ExecEnd, ExecOptions, ExecStream } from '../api/streaming';
import { UpgradeRefusedError } from '../api/streaming';
import { kubeletHarness } from './testkit';
import type { KubeletHarness } from './testkit';

const exec = (h: KubeletHarness, pod: string, opts: ExecOptions) => h.ctx.api.exec('default', pod, opts);

/** Reads a stream until it ends, stepping simulated time (at most `maxMs`). */
function drain(h: KubeletHarness, s: ExecStream, maxMs = 60_000): { out: string; err: string; end: ExecEnd | undefined; chunks: ExecChunk[] } {
  const chunks: ExecChunk[] = [];
  const deadline = h.now() + maxMs;
  for (;;) {
    const r = s.read();
    chunks.push(...r.output);
    if (r.end || h.now() >= deadline || !h.ctx.clock.step()) {
      const text = (k: 'stdout' | 'stderr') => chunks.filter((c) => c.stream === k).map((c) => c.text).join('');
      return { out: text('stdout'), err: text('stderr'), end: r.end, chunks };
    }
  }
}

/** What a request throws: the Status message, or the kubelet's plain-text refusal. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UpgradeRefusedError) return `refused ${e.code}: ${e.body}`;
    if (isStatusError(e)) return `${e.status.reason || '(no reason)'} ${e.status.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

function nginxWithConfig(): KubeletHarness {
  const h = kubeletHarness();
  h.ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { color: 'blue' } });
  h.createPod('web', {
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        workingDir: '/usr/share/nginx/html',
        env: [{ name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'color' } } }],
        volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
      },
      { name: 'sidecar', image: 'busybox:1.36', command: ['sh', '-c', 'echo started > /tmp/state; sleep 3600'] },
    ],
    volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
  });
  h.advance(10_000);
  return h;
}

describe('kubelet: exec', () => {
  it("[KL27] runs the command in the running container: its environment, working directory, files and mounted ConfigMap", () => {
    const h = nginxWithConfig();
    const run = (command: string[], container = 'web') => drain(h, exec(h, 'web', { container, command }));
    expect(run(['printenv', 'COLOR', 'HOSTNAME', 'KUBERNETES_SERVICE_HOST'])).toMatchObject({ out: 'blue\nweb\n10.96.0.1\n', end: { kind: 'success' } });
    expect(run(['pwd']).out).toBe('/usr/share/nginx/html\n');
    expect(run(['cat', '/etc/config/color']).out).toBe('blue');
    expect(run(['ls', '/etc/config']).out).toBe('color\n');
    expect(run(['hostname']).out).toBe('web\n');
    // containerd's order: the default PATH, HOSTNAME, the image's ENV, the pod's env; HOME last.
    const env = run(['env']).out.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf('=')));
    expect(env.slice(0, 3)).toEqual(['PATH', 'HOSTNAME', 'NGINX_VERSION']);
    expect(env.at(-1)).toBe('HOME');
    // Each container has its own writable layer; the sidecar sees what its own process wrote.
    expect(run(['cat', '/tmp/state'], 'sidecar').out).toBe('started\n');
    const miss = run(['cat', '/tmp/state']);
    expect(miss).toMatchObject({ out: '', err: 'cat: /tmp/state: No such file or directory\n', end: { kind: 'exit', code: 1 } });
    expect(run(['sh', '-c', 'echo out; echo err >&2; echo more; exit 3']).chunks).toEqual([
      { stream: 'stdout', text: 'out\n' },
      { stream: 'stderr', text: 'err\n' },
      { stream: 'stdout', text: 'more\n' },
    ]);
    expect(run(['sh', '-c', 'exit 3']).end).toEqual({ kind: 'exit', code: 3 });
    // What exec writes stays in the container: nginx serves the new page.
    run(['sh', '-c', 'echo changed > index.html']);
    expect(h.kubelet.httpServer().httpGet('default', 'web', 80, '/', '10.244.0.100')).toEqual({ ok: true, answer: { status: 200, summary: 'changed' } });
    // Standard input, when the client sends it.
    expect(drain(h, exec(h, 'web', { container: 'sidecar', command: ['sh'], stdin: 'echo from stdin\nhostname\n' })).out).toBe('from stdin\nweb\n');
  });

  it('[KL27] streams output as simulated time passes; a writer blocks once a pipe of unread output is full', () => {
    const h = nginxWithConfig();
    const s = exec(h, 'web', { container: 'sidecar', command: ['sh', '-c', 'echo one; sleep 5; echo two'] });
    expect(s.read()).toEqual({ output: [{ stream: 'stdout', text: 'one\n' }] });
    h.advance(4_000);
    expect(s.read()).toEqual({ output: [] });
    h.advance(1_000);
    expect(s.read()).toEqual({ output: [{ stream: 'stdout', text: 'two\n' }], end: { kind: 'success' } });

    // `yes` would write without end: unread, it stops at the pipe's 64 KiB (plus the write in progress).
    const yes = exec(h, 'web', { container: 'sidecar', command: ['yes'] });
    const unread = () => yes.read().output.reduce((n, c) => n + c.text.length, 0);
    for (let i = 0; i < 2; i++) {
      h.advance(1_000);
      const n = unread();
      expect(n).toBeGreaterThanOrEqual(65_536);
      expect(n).toBeLessThan(65_536 + 4_096);
    }
    yes.close();
  });

  it('[KL28] refuses what it cannot run: the kubelet down, a pod it does not run, a container not running, a missing executable', () => {
    const h = nginxWithConfig();
    // The API server checks the container against the pod first (validateContainer).
    expect(refusal(() => exec(h, 'web', { command: ['ls'] }))).toBe('BadRequest 400: a container name must be specified for pod web, choose one of: [web sidecar]');
    expect(refusal(() => exec(h, 'web', { container: 'nope', command: ['ls'] }))).toBe('BadRequest 400: container nope is not valid for pod web');
    expect(refusal(() => exec(h, 'nope', { command: ['ls'] }))).toBe('NotFound 404: pods "nope" not found');
    const missing = drain(h, exec(h, 'web', { container: 'web', command: ['nope'] }));
    expect(missing.end).toEqual({
      kind: 'error',
      message: expect.stringMatching(
        /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in \$PATH: unknown$/,
      ),
    });
    // A container waiting (its image still pulling) is not running.
    h.createPod('slow', { containers: [{ name: 'app', image: 'python:3.12' }] });
    expect(refusal(() => exec(h, 'slow', { command: ['ls'] }))).toBe('refused 500: container not found ("app")');
    // An init container that has finished is not running either.
    h.createPod('init', { initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['true'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    h.advance(10_000);
    expect(refusal(() => exec(h, 'init', { container: 'setup', command: ['ls'] }))).toBe('refused 500: container not found ("setup")');
    expect(drain(h, exec(h, 'init', { command: ['true'] })).end).toEqual({ kind: 'success' });
    // Unscheduled: no kubelet to ask.
    h.ctx.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    expect(refusal(() => exec(h, 'pending', { command: ['ls'] }))).toBe('BadRequest 400: pod pending does not have a host assigned');
    h.kubelet.stop();
    expect(refusal(() => exec(h, 'web', { container: 'web', command: ['ls'] }))).toBe(
      `(no reason) 500: error dialing backend: dial tcp ${h.kubelet.identity.internalIP}:10250: connect: connection refused`,
    );
  });

  it('[KL28] a pod bound to the node that its kubelet does not run: pod does not exist', () => {
    const h = kubeletHarness([{ name: 'node-1', cpu: '2', memory: '4Gi', pods: 110 }]);
    h.kubelet.stop();
    h.createPod('late', { containers: [{ name: 'app', image: 'nginx:1.27' }] });
    h.kubelet.start();
    // Started again, the kubelet has not synced the pod yet at this instant.
    expect(refusal(() => exec(h, 'late', { command: ['ls'] }))).toBe('refused 404: pod does not exist');
  });

  it('[KL29] a client that hangs up leaves the command running; the container stopping kills it (137)', () => {
    const h = nginxWithConfig();
    const s = exec(h, 'web', { container: 'sidecar', command: ['sh', '-c', 'sleep 5; echo later > /tmp/late'] });
    s.close();
    expect(s.read()).toEqual({ output: [] });
    h.advance(6_000);
    expect(drain(h, exec(h, 'web', { container: 'sidecar', command: ['cat', '/tmp/late'] })).out).toBe('later\n');

    const long = exec(h, 'web', { container: 'web', command: ['sleep', '3600'] });
    h.ctx.api.delete('Pod', 'default', 'web');
    h.advance(1_000);
    expect(long.read()).toEqual({ output: [], end: { kind: 'exit', code: 137 } });
  });
});
