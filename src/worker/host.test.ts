import { describe, expect, it } from 'vitest';
import type { ObjectView, PodView, Push, Request, Response } from '../engine/protocol';
import { PROTOCOL_VERSION } from '../engine/protocol';
import { AppHost } from './host';

type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** A host with its pushes applied to a mirror, as the UI's client does. */
function harness(seed = 1) {
  const pushes: Push[] = [];
  const mirror = new Map<string, ObjectView>();
  let terminal = '';
  let terminalDone: number | undefined;
  const host = new AppHost({
    seed,
    freeze: true,
    post: (m) => {
      pushes.push(m);
      if (m.type !== 'tick') return;
      for (const k of m.delta.remove) mirror.delete(k);
      for (const v of m.delta.upsert) mirror.set(v.key, v);
      for (const c of m.terminal ?? []) terminal += c.text;
      if (m.terminalDone) terminalDone = m.terminalDone.exitCode;
    },
  });
  let id = 0;
  const ask = (body: Body): Response => host.handle({ ...body, id: ++id } as Request);
  const snap = ask({ type: 'snapshot' });
  if (snap.type !== 'snapshot') throw new Error(JSON.stringify(snap));
  for (const v of snap.views) mirror.set(v.key, v);
  const run = (line: string) => {
    const r = ask({ type: 'run', line });
    if (r.type !== 'run') throw new Error(JSON.stringify(r));
    return { text: r.result.output.map((c) => c.text).join(''), ...r.result };
  };
  /** Real time passing in ticks of `tickMs` at speed 1. */
  const play = (ms: number, tickMs = 100) => {
    ask({ type: 'play' });
    for (let t = 0; t < ms; t += tickMs) host.tick(tickMs);
    ask({ type: 'pause' });
  };
  const pods = (prefix: string) => [...mirror.values()].filter((v): v is PodView => v.kind === 'Pod' && v.name.startsWith(prefix));
  return { host, ask, run, play, mirror, pods, pushes, terminal: () => terminal, terminalDone: () => terminalDone };
}

describe('AppHost: the worker side of the protocol', () => {
  it('answers hello with the protocol version and a snapshot of the default cluster', () => {
    const h = harness();
    expect(h.ask({ type: 'hello', version: PROTOCOL_VERSION })).toMatchObject({ type: 'hello', version: PROTOCOL_VERSION });
    const nodes = [...h.mirror.values()].filter((v) => v.kind === 'Node');
    expect(nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(nodes.find((n) => n.name === 'control-plane')).toMatchObject({ controlPlane: true, ready: true, taints: ['node-role.kubernetes.io/control-plane:NoSchedule'] });
    expect(h.pods('kube-proxy-').length).toBe(4);
    expect(h.pods('coredns-').every((p) => p.status === 'Running' && p.isReady)).toBe(true);
  });

  it('runs kubectl lines and streams the cluster converging as ticks', () => {
    const h = harness();
    const r = h.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    expect(r.text).toBe('deployment.apps/web created\n');
    expect(r.exitCode).toBe(0);
    // The controllers reacted at once: three pods exist, none running yet.
    expect(h.pods('web-').map((p) => p.status)).toEqual(['ContainerCreating', 'ContainerCreating', 'ContainerCreating'].slice(0, h.pods('web-').length));
    expect(h.pods('web-').length).toBe(3);
    h.play(30_000, 250);
    expect(h.pods('web-').map((p) => [p.status, p.ready, p.isReady])).toEqual(Array(3).fill(['Running', '1/1', true]));
    const deploy = h.mirror.get('Deployment/default/web');
    expect(deploy).toMatchObject({ kind: 'Deployment', desired: 3, ready: 3, available: 3, revision: '1' });
    // nginx asks for nothing; the control plane's static pods do: kube-apiserver 250m, kube-controller-manager
    // 200m, kube-scheduler 100m, etcd 100m (describe node's Allocated resources says the same).
    const cp = h.mirror.get('Node//control-plane');
    expect(cp?.kind === 'Node' && cp.cpu).toEqual({ allocatable: expect.any(Number), requested: 650 });
  });

  it('reports which components acted and the decision trace with the ticks', () => {
    const h = harness();
    h.pushes.length = 0;
    h.run('kubectl run one --image=nginx');
    const acted = new Set(h.pushes.flatMap((p) => (p.type === 'tick' ? p.activity.map((a) => a.component) : [])));
    expect(acted).toContain('kube-apiserver');
    expect(acted).toContain('kube-scheduler');
    expect([...acted].some((c) => c.startsWith('kubelet/'))).toBe(true);
    const trace = h.pushes.flatMap((p) => (p.type === 'tick' ? p.trace : []));
    expect(trace.some((t) => t.component === 'kube-scheduler')).toBe(true);
  });

  it('does not move simulated time while paused, and moves speed x wall time while playing', () => {
    const h = harness();
    const t0 = h.host.clock.time;
    h.host.tick(1000);
    expect(h.host.clock.time).toBe(t0);
    h.ask({ type: 'speed', speed: 10 });
    h.ask({ type: 'play' });
    h.host.tick(500);
    expect(h.host.clock.time).toBe(t0 + 5000);
    expect(h.ask({ type: 'speed', speed: 0 })).toMatchObject({ type: 'error' });
  });

  it('steps to the next moment the picture changes', () => {
    const h = harness();
    h.run('kubectl run one --image=nginx');
    const before = h.pods('one')[0]!.status;
    const t0 = h.host.clock.time;
    h.ask({ type: 'step' });
    expect(h.host.clock.time).toBeGreaterThan(t0);
    const changed = h.pushes[h.pushes.length - 1];
    expect(changed?.type === 'tick' && changed.delta.upsert.length).toBeGreaterThan(0);
    // Stepping repeatedly gets the pod running without wall time.
    for (let i = 0; i < 20 && h.pods('one')[0]!.status !== 'Running'; i++) h.ask({ type: 'step' });
    expect(before).toBe('ContainerCreating');
    expect(h.pods('one')[0]!.status).toBe('Running');
  });

  it('applies an editor manifest; invalid YAML is an error at its line and changes nothing', () => {
    const h = harness();
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec: x\n';
    const r = h.ask({ type: 'apply', filename: 'web.yaml', text: bad });
    expect(r.type).toBe('apply');
    if (r.type !== 'apply') return;
    expect(r.errors).toEqual([{ line: 10, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 5: did not find expected key' }]);
    expect(h.mirror.has('Deployment/default/web')).toBe(false);
  });

  it('places field errors at the field: an unknown field and an invalid value', () => {
    const h = harness();
    const deploy = (replicas: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;
    const unknown = h.ask({ type: 'apply', filename: 'd.yaml', text: deploy('replicass: 3') });
    expect(unknown.type === 'apply' && unknown.errors).toEqual([
      { line: 6, message: 'Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"' },
    ]);
    const invalid = h.ask({ type: 'apply', filename: 'd.yaml', text: deploy('replicas: -1') });
    expect(invalid.type === 'apply' && invalid.errors).toEqual([{ line: 6, message: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' }]);
    const ok = h.ask({ type: 'apply', filename: 'd.yaml', text: deploy('replicas: 2') });
    expect(ok.type === 'apply' && ok.result.output).toEqual([{ stream: 'stdout', text: 'deployment.apps/web created\n' }]);
    expect(ok.type === 'apply' && ok.errors).toEqual([]);
  });

  it('gives one error per field of an invalid object, each at its field, and joins continuation lines', () => {
    const h = harness();
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 0\n    name: a\n    targetPort: 80\n  - port: 99999\n    name: b\n';
    const r = h.ask({ type: 'apply', filename: 's.yaml', text: svc });
    expect(r.type === 'apply' && r.errors).toEqual([
      { line: 7, message: 'The Service "s" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive' },
      { line: 10, message: 'The Service "s" is invalid: spec.ports[1].port: Invalid value: 99999: must be between 1 and 65535, inclusive' },
      { line: 10, message: 'The Service "s" is invalid: spec.ports[1].targetPort: Invalid value: 99999: must be between 1 and 65535, inclusive' },
    ]);
    const deploy = (replicas: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;
    h.ask({ type: 'apply', filename: 'd.yaml', text: deploy('2') });
    const patch = h.ask({ type: 'apply', filename: 'd.yaml', text: deploy('three') });
    if (patch.type !== 'apply') throw new Error(JSON.stringify(patch));
    expect(patch.errors).toHaveLength(1);
    expect(patch.errors[0]!.line).toBe(6);
    expect(patch.errors[0]!.message).toMatch(/^Error from server \(BadRequest\): error when applying patch:\n\{"metadata"[^\n]*\nto:\n[\s\S]*cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32$/);
  });

  it('lets `kubectl apply -f` in the terminal read the editor files sent with the line', () => {
    const h = harness();
    const r = h.ask({ type: 'run', line: 'kubectl apply -f cm.yaml', files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n' } });
    expect(r.type === 'run' && r.result.output.map((c) => c.text).join('')).toBe('configmap/cfg created\n');
    expect(h.mirror.get('ConfigMap/default/cfg')).toMatchObject({ keys: ['a'] });
    expect(h.run('kubectl apply -f missing.yaml').text).toBe('error: the path "missing.yaml" does not exist\n');
  });

  it('keeps printing a watch as time passes until interrupted', () => {
    const h = harness();
    const w = h.run('kubectl get pods -w');
    expect(w.running).toBe(true);
    expect(w.text).toBe('');
    h.ask({ type: 'run', line: 'kubectl run one --image=nginx' });
    // A new line stops the running one, as Ctrl-C then typing would.
    expect(h.terminal()).toBe('');
    const w2 = h.run('kubectl get pods -w');
    expect(w2.text).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\none +0\/1 +ContainerCreating/);
    h.play(10_000, 500);
    expect(h.terminal()).toMatch(/one +1\/1 +Running +0 +\d+s\n/);
    h.ask({ type: 'interrupt' });
    const printed = h.terminal();
    h.run('kubectl delete pod one --wait=false');
    h.play(5000, 500);
    expect(h.terminal()).toBe(printed);
  });

  it('ends a blocking command with its exit code: rollout status', () => {
    const h = harness();
    h.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    const r = h.run('kubectl rollout status deployment/web');
    expect(r.running).toBe(true);
    h.play(30_000, 500);
    expect(h.terminal()).toContain('deployment "web" successfully rolled out\n');
    expect(h.terminalDone()).toBe(0);
  });

  it('answers commands a shell would not know in words a learner understands', () => {
    const h = harness();
    expect(h.run('get pods')).toMatchObject({ exitCode: 127, text: 'get: command not found (did you mean "kubectl get"?); this terminal runs kubectl, sim and sleep\n' });
    expect(h.run('kubectl get pods | grep web')).toMatchObject({ exitCode: 2 });
    expect(h.run('sim node-down nope')).toMatchObject({ exitCode: 1, text: 'sim: node "nope" not found\n' });
  });

  it('inspects an object with kubectl describe, yaml, events and logs', () => {
    const h = harness();
    h.run('kubectl run one --image=nginx');
    h.play(10_000, 1000);
    const r = h.ask({ type: 'inspect', kind: 'Pod', namespace: 'default', name: 'one' });
    if (r.type !== 'inspect') throw new Error(JSON.stringify(r));
    expect(r.result.describe).toMatch(/^Name:\s+one\nNamespace:\s+default\n/);
    expect(r.result.yaml).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(r.result.events).toMatch(/Scheduled\s+Pod\/one\s+Successfully assigned default\/one to node-/);
    expect(r.result.logs).toContain('nginx');
    // The manifest to edit: no status, no server-set metadata; applying it back changes nothing.
    expect(r.result.manifest).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}labels:\n {4}run: one\n {2}name: one\n {2}namespace: default\nspec:\n/);
    expect(r.result.manifest).not.toMatch(/status:|uid:|resourceVersion:|creationTimestamp:/);
    const again = h.ask({ type: 'apply', filename: 'pod-one.yaml', text: r.result.manifest! });
    expect(again.type === 'apply' && again.result.output.map((c) => c.text).join('')).toMatch(/^(Warning: .*\n)?pod\/one (configured|unchanged)\n$/);
    const node = h.ask({ type: 'inspect', kind: 'Node', namespace: '', name: 'node-1' });
    expect(node.type === 'inspect' && node.result.describe).toMatch(/^Name:\s+node-1\n/);
  });

  it('rebuilds the same cluster from its journal, whatever the tick sizes were', () => {
    const a = harness(7);
    a.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    a.play(7_300, 70);
    a.run('kubectl scale deployment web --replicas=5');
    a.run('kubectl get pods');
    a.play(3_100, 130);
    a.run('sim node-down node-2');
    a.ask({ type: 'advance', ms: 120_000 });
    a.run('kubectl set image deployment/web nginx=nginx:1.28');
    a.play(20_000, 1000);
    const j = a.ask({ type: 'journal' });
    if (j.type !== 'journal') throw new Error(JSON.stringify(j));
    expect(j.journal.entries.map((e) => ('line' in e ? e.line : e))).toEqual([
      'kubectl create deployment web --image=nginx:1.27 --replicas=3',
      'kubectl scale deployment web --replicas=5',
      'sim node-down node-2',
      'kubectl set image deployment/web nginx=nginx:1.28',
    ]);
    const b = harness(1);
    const progress: Push[] = [];
    const restored = b.ask({ type: 'restore', journal: JSON.parse(JSON.stringify(j.journal)) });
    progress.push(...b.pushes.filter((p) => p.type === 'restoring'));
    if (restored.type !== 'snapshot') throw new Error(JSON.stringify(restored));
    expect(restored.clock.time).toBe(a.host.clock.time);
    const sort = (vs: Iterable<ObjectView>) => [...vs].sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(sort(restored.views)).toEqual(sort(a.mirror.values()));
    expect(progress[progress.length - 1]).toEqual({ type: 'restoring', done: 4, total: 4 });
  });

  it('keeps kubectl exec lines in the journal: what a command changed in a container is there after a restore', () => {
    const a = harness(3);
    a.run('kubectl run web --image=nginx:1.27 --expose --port=80');
    a.play(20_000, 500);
    expect(a.run(`kubectl exec web -- sh -c 'echo changed > /usr/share/nginx/html/index.html'`).exitCode).toBe(0);
    expect(a.run('sim curl http://web').text).toBe('web: 200 changed\n');
    const j = a.ask({ type: 'journal' });
    if (j.type !== 'journal') throw new Error(JSON.stringify(j));
    expect(j.journal.entries.some((e) => 'line' in e && e.line.startsWith('kubectl exec web'))).toBe(true);
    const b = harness(1);
    b.ask({ type: 'restore', journal: JSON.parse(JSON.stringify(j.journal)) });
    expect(b.run('sim curl http://web').text).toBe('web: 200 changed\n');
  });

  it('resets to a cluster of the asked number of workers, which its journal keeps', () => {
    const h = harness();
    const r = h.ask({ type: 'reset', workers: 20 });
    if (r.type !== 'snapshot') throw new Error(JSON.stringify(r));
    expect(r.views.filter((v) => v.kind === 'Node').length).toBe(21);
    expect(r.clock.workers).toBe(20);
    h.run('kubectl create deployment web --image=nginx --replicas=40');
    const j = h.ask({ type: 'journal' });
    if (j.type !== 'journal') throw new Error(JSON.stringify(j));
    expect(j.journal.workers).toBe(20);
    const b = harness();
    const restored = b.ask({ type: 'restore', journal: j.journal });
    expect(restored.type === 'snapshot' && restored.views.filter((v) => v.kind === 'Node').length).toBe(21);
    expect(b.ask({ type: 'reset', workers: 0 })).toMatchObject({ type: 'error', message: 'a cluster has 1 to 50 worker nodes, not 0' });
  });

  it('resets to a fresh default cluster', () => {
    const h = harness();
    h.run('kubectl create deployment web --image=nginx');
    const r = h.ask({ type: 'reset' });
    expect(r.type === 'snapshot' && r.views.some((v) => v.name === 'web')).toBe(false);
    const j = h.ask({ type: 'journal' });
    expect(j.type === 'journal' && j.journal.entries).toEqual([]);
  });

  describe('lessons', () => {
    const lessonOf = (h: ReturnType<typeof harness>) => {
      const ticks = h.pushes.filter((p): p is Extract<Push, { type: 'tick' }> => p.type === 'tick' && p.lesson !== undefined);
      return ticks[ticks.length - 1]?.lesson;
    };

    it('lists the catalogue and starts a lesson on a fresh cluster at its first step, with nothing met', () => {
      const h = harness();
      h.run('kubectl create deployment web --image=nginx');
      const list = h.ask({ type: 'lessons' });
      if (list.type !== 'lessons') throw new Error(JSON.stringify(list));
      expect(list.lessons[0]).toMatchObject({ id: 'cluster-tour', title: 'A tour of the cluster', level: 'beginner' });
      const r = h.ask({ type: 'lessonStart', lesson: 'cluster-tour' });
      if (r.type !== 'snapshot') throw new Error(JSON.stringify(r));
      expect(r.views.some((v) => v.name.startsWith('web'))).toBe(false);
      expect(r.lesson).toMatchObject({ lesson: 'cluster-tour', step: 0, passedAt: [] });
      expect(r.lesson!.goals.every((g) => g.met)).toBe(false);
      expect(r.lesson!.focus).toContain('Node//node-1');
      expect(h.ask({ type: 'lessonStart', lesson: 'nope' })).toMatchObject({ type: 'error', message: 'there is no lesson "nope"' });
    });

    it('passes a step the moment its goals are met, and pushes the next step with its focus', () => {
      const h = harness();
      h.ask({ type: 'lessonStart', lesson: 'cluster-tour' });
      h.run('kubectl get pods');
      expect(lessonOf(h)?.step ?? 0).toBe(0);
      h.run('kubectl get nodes');
      const l = lessonOf(h)!;
      expect(l.step).toBe(1);
      expect(l.passedAt).toHaveLength(1);
      expect(l.goals).toEqual([expect.objectContaining({ met: false })]);
      expect(l.focus).toContain('Pod/kube-system/kube-apiserver-control-plane');
    });

    it("runs the current step's solution on request, then leaves the lesson with the cluster as it is", () => {
      const h = harness();
      h.ask({ type: 'lessonStart', lesson: 'cluster-tour' });
      h.ask({ type: 'lessonSolve' });
      h.ask({ type: 'lessonSolve' });
      const r = h.ask({ type: 'lessonSolve' });
      expect(r.type === 'run' && r.result.output.map((c) => c.text).join('')).toContain('pod/hello created');
      expect(lessonOf(h)).toMatchObject({ step: 3 });
      expect(lessonOf(h)!.focus).toEqual(['Pod/default/hello']);
      expect(h.ask({ type: 'lessonStop' })).toEqual({ id: expect.any(Number), type: 'lesson', lesson: null });
      expect(lessonOf(h)).toBeNull();
      expect(h.mirror.get('Pod/default/hello')).toMatchObject({ status: 'Running' });
      expect(h.ask({ type: 'lessonSolve' })).toMatchObject({ type: 'error', message: 'no lesson is under way' });
    });

    it('keeps the lesson, its step and its history in the journal: a restored cluster is at the same step', () => {
      const a = harness();
      a.ask({ type: 'lessonStart', lesson: 'cluster-tour' });
      a.run('kubectl get nodes');
      a.play(2_000);
      a.run('kubectl get pods -n kube-system');
      a.run('kubectl run hello --image=nginx:1.27');
      a.play(3_000);
      const j = a.ask({ type: 'journal' });
      if (j.type !== 'journal') throw new Error(JSON.stringify(j));
      const before = lessonOf(a)!;
      expect(before.step).toBe(2);
      const b = harness();
      const r = b.ask({ type: 'restore', journal: j.journal });
      if (r.type !== 'snapshot') throw new Error(JSON.stringify(r));
      expect(r.lesson).toEqual(before);
      // The pod started in step 2 is in the restored step's history: once Running, the step passes.
      b.play(20_000, 500);
      expect(lessonOf(b)).toMatchObject({ step: 3, focus: ['Pod/default/hello'] });
    });
  });
});
