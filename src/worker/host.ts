import type { KubeObject } from '../engine/api/types';
import type { StoredEvent } from '../engine/api/store';
import { createCluster } from '../engine/cluster';
import type { Cluster } from '../engine/cluster';
import type { TraceEntry } from '../engine/trace';
import type { ClockState, Journal, JournalEntry, LessonInfo, LessonState, ObjectView, OutputChunk, Push, Request, Response, RunResult, TraceLine, ViewDelta } from '../engine/protocol';
import { assertNever, DEFAULT_WORKERS, MAX_WORKERS, PROTOCOL_VERSION } from '../engine/protocol';
import { complete } from '../kubectl/complete';
import { runSession } from '../kubesim/session';
import { LESSONS, lessonById } from '../lessons/catalog';
import { LessonRun } from '../lessons/run';
import { lessonFiles, setupScript, solutionOf } from '../lessons/scripts';
import { inspect } from './inspect';
import { manifestErrors } from './manifest-errors';
import { fileReader, Terminal } from './terminal';
import { VIEW_KINDS, viewKey, viewOf } from './views';

export interface HostOptions {
  seed?: number;
  /** Deep-freeze stored objects (the mutation detector): on in tests, off in the app for speed. */
  freeze?: boolean;
  /** Worker nodes of the first cluster (default 3, as kind's default cluster here). */
  workers?: number;
  /** Where pushes (`tick`, `restoring`) go: the worker's postMessage. */
  post: (m: Push) => void;
}

const JOURNAL_VERSION = 1;
const TRACE_PER_TICK = 200;
/** How far `step` looks for the next happening before it gives up (simulated ms). */
const STEP_HORIZON_MS = 60 * 60 * 1000;
const SHOWN = new Set<string>(VIEW_KINDS);

/**
 * The app's side of the protocol, in the worker: one cluster, the real-time driver of its clock, the
 * terminal's kubectl, and the delta stream that keeps the UI's mirror in step. No DOM: the same host
 * runs in Node tests. The worker calls `handle` for requests and `tick` from its timer.
 */
export class AppHost {
  private cluster!: Cluster;
  private seed = 1;
  private startedAt = 0;
  private workers = DEFAULT_WORKERS;
  private running = false;
  private speed = 1;
  private journal: JournalEntry[] = [];
  private terminal!: Terminal;
  private unsubscribe: Array<() => void> = [];
  private lesson: LessonRun | undefined;
  /** Something happened since the lesson's step was last evaluated. */
  private lessonDirty = false;
  private lastLesson = 'null';
  private lastLessonState: LessonState | null | undefined;
  private lessonCache: LessonState | undefined;

  // The mirror the UI holds, as last sent, and what changed since.
  private sent = new Map<string, { view: ObjectView; json: string }>();
  private latest = new Map<string, KubeObject>();
  private podsByNode = new Map<string, Map<string, KubeObject>>();
  private dirty = new Set<string>();
  private activity = new Map<string, number>();
  private trace: TraceLine[] = [];
  private lastClock: ClockState | undefined;

  constructor(private readonly options: HostOptions) {
    this.boot(options.seed ?? 1, options.workers ?? DEFAULT_WORKERS);
  }

  private boot(seed: number, workers: number): void {
    if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) throw new Error(`a cluster has 1 to ${MAX_WORKERS} worker nodes, not ${workers}`);
    for (const u of this.unsubscribe.splice(0)) u();
    this.lesson?.dispose();
    this.lesson = undefined;
    this.lastLesson = 'null';
    this.lastLessonState = undefined;
    this.lessonCache = undefined;
    this.seed = seed;
    this.workers = workers;
    this.cluster = createCluster({ seed, workers, freeze: this.options.freeze ?? false });
    this.terminal = new Terminal(this.cluster);
    this.startedAt = this.cluster.now();
    this.journal = [];
    this.sent.clear();
    this.latest.clear();
    this.podsByNode.clear();
    this.dirty.clear();
    for (const kind of [...VIEW_KINDS, 'Endpoints']) for (const obj of this.cluster.api.listAll(kind)) this.observe({ type: 'ADDED', kind, object: obj, rv: 0 });
    this.unsubscribe.push(this.cluster.api.subscribe((e) => this.observe(e)));
    this.unsubscribe.push(this.cluster.trace.subscribe((e) => this.traced(e)));
    this.settle();
  }

  /**
   * The snapshot starts from here: what happened so far is in the views, not in a tick's activity or
   * trace (a fresh or rebuilt cluster does not light up the picture for its own start-up).
   */
  private settle(): void {
    this.collect();
    this.activity.clear();
    this.trace = [];
  }

  get clock(): ClockState {
    return { time: this.cluster.now(), running: this.running, speed: this.speed, startedAt: this.startedAt, workers: this.workers };
  }

  /** For tests: the cluster behind the host. */
  get currentCluster(): Cluster {
    return this.cluster;
  }

  handle(req: Request): Response {
    try {
      return this.answer(req);
    } catch (e) {
      return { id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  private answer(req: Request): Response {
    const id = req.id;
    switch (req.type) {
      case 'hello':
        return { id, type: 'hello', version: PROTOCOL_VERSION };
      case 'snapshot':
        this.flush();
        return this.snapshot(id);
      case 'play':
        this.running = true;
        return { id, type: 'clock', clock: this.clock };
      case 'pause':
        this.running = false;
        this.flush();
        return { id, type: 'clock', clock: this.clock };
      case 'speed':
        if (!(req.speed > 0 && req.speed <= 1000)) throw new Error(`speed must be between 0 and 1000, not ${req.speed}`);
        this.speed = req.speed;
        return { id, type: 'clock', clock: this.clock };
      case 'step':
        this.step();
        return { id, type: 'clock', clock: this.clock };
      case 'advance':
        this.advance(req.ms);
        this.flush();
        return { id, type: 'clock', clock: this.clock };
      case 'reset':
        this.running = false;
        this.boot(req.seed ?? this.seed, req.workers ?? this.workers);
        return this.snapshot(id);
      case 'run':
        return { id, type: 'run', result: this.run(req.line, req.stdin, req.files) };
      case 'interrupt':
        this.terminal.interrupt();
        this.flush();
        return { id, type: 'ok' };
      case 'apply': {
        const result = this.run(`kubectl apply -f ${quoteIfNeeded(req.filename)}`, undefined, { [req.filename]: req.text });
        const stderr = result.output.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
        return { id, type: 'apply', result, errors: manifestErrors(req.text, stderr, this.cluster) };
      }
      case 'complete':
        return { id, type: 'complete', ...complete(req.line, req.cursor, { api: this.cluster.api, namespace: 'default' }) };
      case 'inspect':
        return { id, type: 'inspect', result: inspect(this.cluster, req.kind, req.namespace, req.name) };
      case 'journal':
        return { id, type: 'journal', journal: this.takeJournal() };
      case 'restore':
        this.restore(req.journal);
        return this.snapshot(id);
      case 'lessons':
        return { id, type: 'lessons', lessons: LESSONS.map(lessonInfo) };
      case 'lessonStart':
        this.startLesson(req.lesson);
        return this.snapshot(id);
      case 'lessonStop':
        this.markLesson(null);
        this.flush();
        return { id, type: 'lesson', lesson: null };
      case 'lessonSolve':
        return { id, type: 'run', result: this.solve() };
      default:
        return assertNever(req);
    }
  }

  /** The worker's timer: `wallMs` of real time passed; a running clock moves `wallMs * speed`. */
  tick(wallMs: number): void {
    if (this.running) this.advance(wallMs * this.speed);
    this.flush();
  }

  private advance(ms: number): void {
    this.cluster.advance(Math.max(0, Math.round(ms)));
  }

  /** Jumps to the next moment the picture changes (heartbeats and lease renewals do not count). */
  private step(): void {
    const limit = this.cluster.now() + STEP_HORIZON_MS;
    this.flush();
    while (this.cluster.clock.nextAt() !== undefined && this.cluster.clock.nextAt()! <= limit) {
      this.cluster.step();
      const delta = this.collect();
      if (delta.upsert.length || delta.remove.length) {
        this.post(delta);
        return;
      }
    }
    this.flush();
  }

  private run(line: string, stdin: string | undefined, files: Record<string, string> | undefined): RunResult {
    const at = this.cluster.now();
    const result = this.runLine(line, stdin, files);
    if (result.writes) this.journal.push({ at, line, ...(stdin !== undefined ? { stdin } : {}), ...(files && Object.keys(files).length ? { files } : {}) });
    this.flush();
    return { output: result.output, exitCode: result.exitCode, running: result.running };
  }

  /** A terminal line, told to the lesson (checks may ask what the learner looked at). */
  private runLine(line: string, stdin: string | undefined, files: Record<string, string> | undefined) {
    const result = this.terminal.run(line, stdin, files);
    if (this.lesson) {
      this.lesson.recordCommand(line, result.exitCode, result.output.map((c) => c.text).join(''));
      this.lessonDirty = true;
    }
    return result;
  }

  /** A script run at once, as `kubesim` runs it (a lesson's set-up, a step's solution). */
  private runScript(script: string, files: Record<string, string>): RunResult {
    this.terminal.interrupt();
    const r = runSession(script, {
      cluster: this.cluster,
      readFile: fileReader(files),
      onCommand: (line, code, out) => {
        this.lesson?.recordCommand(line, code, out);
        this.lessonDirty = true;
      },
    });
    return { output: [{ stream: r.exitCode ? 'stderr' : 'stdout', text: r.output }], exitCode: r.exitCode, running: false };
  }

  // ---------------------------------------------------------------- lessons

  /** A fresh cluster as the lesson wants it, set up, at its first step. */
  private startLesson(id: string): void {
    const lesson = lessonById(id);
    if (!lesson) throw new Error(`there is no lesson "${id}"`);
    this.boot(lesson.cluster?.seed ?? 1, lesson.cluster?.workers ?? DEFAULT_WORKERS);
    const setup = setupScript(lesson);
    if (setup) {
      const files = lessonFiles(lesson);
      this.journal.push({ at: this.cluster.now(), script: setup, files });
      const r = this.runScript(setup, files);
      if (r.exitCode !== 0) throw new Error(`lesson ${id}: its set-up failed: ${r.output.map((c) => c.text).join('')}`);
    }
    this.markLesson(id, 0);
    this.settle();
  }

  /** Begins a lesson (or leaves it, `null`), or moves it to a step, now; the journal keeps the mark. */
  private markLesson(id: string | null, step = 0): void {
    this.journal.push({ at: this.cluster.now(), lesson: id, ...(id ? { step } : {}) });
    this.applyMark(id, step);
  }

  private applyMark(id: string | null, step: number): void {
    if (id === null) {
      this.lesson?.dispose();
      this.lesson = undefined;
      return;
    }
    if (this.lesson?.lesson.id !== id) {
      const lesson = lessonById(id);
      if (!lesson) throw new Error(`there is no lesson "${id}"`);
      this.lesson?.dispose();
      this.lesson = new LessonRun(this.cluster, lesson);
    }
    this.lesson.goTo(step);
    this.lessonDirty = true;
  }

  private solve(): RunResult {
    const run = this.lesson;
    if (!run) throw new Error('no lesson is under way');
    if (run.finished) throw new Error('every step of this lesson has passed');
    const step = run.lesson.steps[run.currentStep]!;
    const script = solutionOf(run.lesson, step.id);
    const files = lessonFiles(run.lesson);
    this.journal.push({ at: this.cluster.now(), script, files });
    const result = this.runScript(script, files);
    this.flush();
    return result;
  }

  /** Evaluates the lesson's step when something happened; a pass is journaled as a mark. */
  private lessonState(): LessonState | null {
    const run = this.lesson;
    if (!run) return null;
    if (!this.lessonDirty && this.lessonCache?.lesson === run.lesson.id) return this.lessonCache;
    this.lessonDirty = false;
    if (run.evaluate()) this.journal.push({ at: this.cluster.now(), lesson: run.lesson.id, step: run.currentStep });
    const focus = run.focus().map((o) => viewKey(o.kind, o.metadata.namespace, o.metadata.name));
    return (this.lessonCache = { ...run.progress(), focus });
  }

  private takeJournal(): Journal {
    return { version: JOURNAL_VERSION, seed: this.seed, workers: this.workers, time: this.cluster.now(), entries: this.journal.slice() };
  }

  private restore(journal: Journal): void {
    if (journal.version !== JOURNAL_VERSION) throw new Error(`saved cluster has journal version ${journal.version}, this app reads ${JOURNAL_VERSION}`);
    this.running = false;
    this.boot(journal.seed, journal.workers ?? DEFAULT_WORKERS);
    const total = journal.entries.length;
    journal.entries.forEach((e, i) => {
      this.advance(e.at - this.cluster.now());
      if ('line' in e) {
        this.runLine(e.line, e.stdin, e.files);
        this.terminal.interrupt();
      } else if ('script' in e) this.runScript(e.script, e.files ?? {});
      else this.applyMark(e.lesson, e.step ?? 0);
      this.journal.push(e);
      if (i % 10 === 9) this.options.post({ type: 'restoring', done: i + 1, total });
    });
    this.advance(journal.time - this.cluster.now());
    this.options.post({ type: 'restoring', done: total, total });
    this.settle();
  }

  private snapshot(id: number): Response {
    const lesson = this.lessonState();
    this.lastLesson = JSON.stringify(lesson);
    this.lastLessonState = lesson;
    return { id, type: 'snapshot', clock: this.clock, views: [...this.sent.values()].map((s) => s.view), seed: this.seed, lesson };
  }

  // ---------------------------------------------------------------- the delta stream

  private observe(e: StoredEvent): void {
    this.lessonDirty = true;
    const obj = e.object;
    const key = viewKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (e.kind === 'Pod') {
      const oldNode = (e.old as { spec?: { nodeName?: string } } | undefined)?.spec?.nodeName;
      const node = (obj as { spec?: { nodeName?: string } }).spec?.nodeName;
      if (oldNode && oldNode !== node) this.podsByNode.get(oldNode)?.delete(key);
      if (node) {
        if (e.type === 'DELETED') this.podsByNode.get(node)?.delete(key);
        else {
          let m = this.podsByNode.get(node);
          if (!m) this.podsByNode.set(node, (m = new Map()));
          m.set(key, obj);
        }
        this.dirty.add(viewKey('Node', undefined, node));
      }
      if (oldNode) this.dirty.add(viewKey('Node', undefined, oldNode));
    }
    if (e.kind === 'Endpoints') {
      const svcKey = viewKey('Service', obj.metadata.namespace, obj.metadata.name);
      if (e.type === 'DELETED') this.latest.delete(key);
      else this.latest.set(key, obj);
      this.dirty.add(svcKey);
      return;
    }
    if (!SHOWN.has(e.kind)) return;
    if (e.type === 'DELETED') this.latest.delete(key);
    else this.latest.set(key, obj);
    this.dirty.add(key);
  }

  private traced(e: TraceEntry): void {
    const bump = (c: string) => this.activity.set(c, (this.activity.get(c) ?? 0) + 1);
    switch (e.component) {
      case 'kube-apiserver': {
        bump('kube-apiserver');
        bump('etcd');
        const by = / \(by ([^)]+)\)$/.exec(e.message)?.[1];
        const writer = by ? componentOfUser(by) : undefined;
        if (writer) bump(writer);
        if (e.ref && (e.ref.kind === 'Service' || e.ref.kind === 'Endpoints')) for (const n of this.cluster.kubelets.keys()) bump(`kube-proxy/${n}`);
        break;
      }
      case 'kubelet':
      case 'kube-proxy':
        bump(e.node ? `${e.component}/${e.node}` : e.component);
        break;
      default:
        bump(e.component);
    }
    this.trace.push({ time: e.time, seq: e.seq, component: e.component, message: e.message, ...(e.actor ? { actor: e.actor } : {}), ...(e.node ? { node: e.node } : {}), ...(e.ref ? { ref: e.ref } : {}) });
    if (this.trace.length > TRACE_PER_TICK * 2) this.trace.splice(0, this.trace.length - TRACE_PER_TICK);
  }

  /** Turns the dirty keys into the views that really changed since they were last sent. */
  private collect(): ViewDelta {
    const upsert: ObjectView[] = [];
    const remove: string[] = [];
    const related = {
      podsOn: (node: string) => (this.podsByNode.get(node)?.values() ?? []) as Iterable<never>,
      endpoints: (ns: string, name: string) => this.latest.get(viewKey('Endpoints', ns, name)) as never,
    };
    for (const key of this.dirty) {
      const obj = this.latest.get(key);
      if (!obj) {
        if (this.sent.delete(key)) remove.push(key);
        continue;
      }
      const view = viewOf(obj, related);
      if (!view) continue;
      const json = JSON.stringify(view);
      if (this.sent.get(key)?.json === json) continue;
      this.sent.set(key, { view, json });
      upsert.push(view);
    }
    this.dirty.clear();
    return { upsert, remove };
  }

  /** Sends a tick when anything changed: views, activity, trace, terminal output or the clock. */
  flush(): void {
    this.post(this.collect());
  }

  private post(delta: ViewDelta): void {
    const out = this.terminal.poll();
    const clock = this.clock;
    const lesson = this.lessonState();
    // The state is cached between changes: the same object means nothing to compare.
    const lessonJson = lesson === this.lastLessonState ? this.lastLesson : JSON.stringify(lesson);
    const lessonChanged = lessonJson !== this.lastLesson;
    this.lastLesson = lessonJson;
    this.lastLessonState = lesson;
    const clockMoved = !this.lastClock || this.lastClock.time !== clock.time || this.lastClock.running !== clock.running || this.lastClock.speed !== clock.speed;
    const nothing = !delta.upsert.length && !delta.remove.length && !this.activity.size && !this.trace.length && !out.chunks.length && out.done === undefined && !lessonChanged;
    if (nothing && !clockMoved) return;
    this.lastClock = clock;
    const activity = [...this.activity].map(([component, count]) => ({ component, count }));
    const trace = this.trace.slice(-TRACE_PER_TICK);
    this.activity.clear();
    this.trace = [];
    this.options.post({
      type: 'tick',
      clock,
      delta,
      activity,
      trace,
      ...(out.chunks.length ? { terminal: out.chunks } : {}),
      ...(out.done !== undefined ? { terminalDone: { exitCode: out.done } } : {}),
      ...(lessonChanged ? { lesson } : {}),
    });
  }
}

/** Which box of the picture a writer's user name belongs to. */
function componentOfUser(user: string): string | undefined {
  const node = /^system:node:(.+)$/.exec(user)?.[1];
  if (node) return `kubelet/${node}`;
  if (user === 'kube-scheduler' || user === 'default-scheduler') return 'kube-scheduler';
  if (/controller|garbage-collector|publisher/.test(user)) return 'kube-controller-manager';
  return undefined;
}

function lessonInfo(l: (typeof LESSONS)[number]): LessonInfo {
  return { id: l.id, title: l.title, level: l.level, minutes: l.minutes, concepts: l.concepts.slice(), steps: l.steps.map((s) => ({ id: s.id, files: s.files?.slice() ?? [] })) };
}

function quoteIfNeeded(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export type { OutputChunk };
