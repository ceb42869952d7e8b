import { createContext, useContext } from 'react';
import type { InspectResult, Journal, LessonInfo, LessonState, ManifestError, Push, Request, Response, RunResult, WorkerMessage } from '../engine/protocol';
import { isPush, PROTOCOL_VERSION } from '../engine/protocol';
import { useCluster, useTerminal } from './store';
import { useLessons } from './lessons/store';

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
type ResponseOf<T extends Response['type']> = Extract<Response, { type: T }>;

/** The port the client talks through: a Web Worker in the app, an in-process host in tests. */
export interface EnginePort {
  postMessage(message: Request): void;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  terminate?(): void;
}

export class EngineError extends Error {}

/**
 * The UI's only door to the engine: typed requests answered by id, and the worker's pushes written
 * into the mirror (`useCluster`) and the terminal transcript (`useTerminal`). Nothing else writes them.
 */
export class EngineClient {
  private nextId = 1;
  private pending = new Map<number, (r: Response) => void>();
  /** Listeners for pushes beyond the mirror (journal saving). */
  private tickListeners = new Set<(p: Push) => void>();

  /** The files `kubectl ... -f NAME` can read in the terminal: the editor's open manifests. */
  fileProvider: () => Record<string, string> = () => ({});

  constructor(private readonly port: EnginePort) {
    port.onmessage = (e) => this.receive(e.data);
  }

  static inWorker(): EngineClient {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kubesim-engine' });
    return new EngineClient(worker as unknown as EnginePort);
  }

  private receive(m: WorkerMessage): void {
    if (isPush(m)) {
      if (m.type === 'tick') {
        useCluster.getState().applyTick(m.clock, m.delta, m.activity, m.trace);
        if (m.terminal?.length) useTerminal.getState().append(m.terminal);
        if (m.terminalDone) useTerminal.getState().setRunning(false);
        if (m.lesson !== undefined) this.adoptLesson(m.lesson);
      } else if (m.type === 'restoring') {
        useCluster.getState().setRestoring({ done: m.done, total: m.total });
      }
      for (const l of this.tickListeners) l(m);
      return;
    }
    const resolve = this.pending.get(m.id);
    this.pending.delete(m.id);
    resolve?.(m);
  }

  onPush(listener: (p: Push) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  request<T extends Response['type']>(body: RequestBody, expect: T): Promise<ResponseOf<T>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => {
        if (r.type === expect) resolve(r as ResponseOf<T>);
        else reject(new EngineError(r.type === 'error' ? r.message : `unexpected reply ${r.type} to ${body.type}`));
      });
      this.port.postMessage({ ...body, id } as Request);
    });
  }

  async connect(): Promise<void> {
    const h = await this.request({ type: 'hello', version: PROTOCOL_VERSION }, 'hello');
    if (h.version !== PROTOCOL_VERSION) throw new EngineError(`engine speaks protocol ${h.version}, the UI ${PROTOCOL_VERSION}`);
    await this.snapshot();
  }

  async snapshot(): Promise<void> {
    this.adopt(await this.request({ type: 'snapshot' }, 'snapshot'));
  }

  /** Time controls answer with the clock (the changes they cause arrive as a tick just before). */
  private async clockRequest(body: Extract<RequestBody, { type: 'play' | 'pause' | 'speed' | 'step' | 'advance' }>): Promise<void> {
    useCluster.getState().setClock((await this.request(body, 'clock')).clock);
  }

  private adopt(s: ResponseOf<'snapshot'>): void {
    useCluster.getState().setSnapshot(s.views, s.clock, s.seed);
    this.adoptLesson(s.lesson);
  }

  /** The lesson's state, and the objects its step is about highlighted in the diagram. */
  private adoptLesson(lesson: LessonState | null): void {
    const before = useLessons.getState().state;
    useLessons.getState().setState(lesson);
    if (lesson || before) useCluster.getState().highlight(lesson?.focus ?? []);
  }

  async play(): Promise<void> {
    await this.clockRequest({ type: 'play' });
  }
  async pause(): Promise<void> {
    await this.clockRequest({ type: 'pause' });
  }
  async setSpeed(speed: number): Promise<void> {
    await this.clockRequest({ type: 'speed', speed });
  }
  async step(): Promise<void> {
    await this.clockRequest({ type: 'step' });
  }
  async advance(ms: number): Promise<void> {
    await this.clockRequest({ type: 'advance', ms });
  }
  async reset(options: { seed?: number; workers?: number } = {}): Promise<void> {
    const s = await this.request({ type: 'reset', ...options }, 'snapshot');
    useTerminal.getState().setRunning(false);
    this.adopt(s);
  }

  /** Runs one terminal line; its output goes to the terminal transcript as well as to the caller. */
  async run(line: string, options: { echo?: boolean; stdin?: string } = {}): Promise<RunResult> {
    const term = useTerminal.getState();
    if (options.echo ?? true) term.append([{ stream: 'stdout', text: `$ ${line}\n` }]);
    const files = /(^|\s)(-f|--filename)(\s|=|$)|(^|\s)-f\S/.test(line) ? this.fileProvider() : undefined;
    const r = await this.request({ type: 'run', line, ...(options.stdin !== undefined ? { stdin: options.stdin } : {}), ...(files ? { files } : {}) }, 'run');
    useTerminal.getState().append(r.result.output);
    useTerminal.getState().setRunning(r.result.running);
    return r.result;
  }

  async interrupt(): Promise<void> {
    await this.request({ type: 'interrupt' }, 'ok');
    useTerminal.getState().setRunning(false);
  }

  /** `kubectl apply -f FILENAME` of an editor's text; errors come back with their line. */
  async apply(filename: string, text: string): Promise<{ result: RunResult; errors: ManifestError[] }> {
    const term = useTerminal.getState();
    term.append([{ stream: 'stdout', text: `$ kubectl apply -f ${filename}\n` }]);
    const r = await this.request({ type: 'apply', filename, text }, 'apply');
    useTerminal.getState().append(r.result.output);
    return { result: r.result, errors: r.errors };
  }

  async complete(line: string, cursor: number): Promise<{ from: number; candidates: string[] }> {
    const r = await this.request({ type: 'complete', line, cursor }, 'complete');
    return { from: r.from, candidates: r.candidates };
  }

  async inspect(kind: string, namespace: string, name: string): Promise<InspectResult> {
    return (await this.request({ type: 'inspect', kind, namespace, name }, 'inspect')).result;
  }

  async journal(): Promise<Journal> {
    return (await this.request({ type: 'journal' }, 'journal')).journal;
  }

  async restore(journal: Journal): Promise<void> {
    useCluster.getState().setRestoring({ done: 0, total: journal.entries.length });
    try {
      this.adopt(await this.request({ type: 'restore', journal }, 'snapshot'));
    } finally {
      useCluster.getState().setRestoring(null);
    }
  }

  async lessons(): Promise<LessonInfo[]> {
    const lessons = (await this.request({ type: 'lessons' }, 'lessons')).lessons;
    useLessons.getState().setCatalog(lessons);
    return lessons;
  }

  /** A fresh cluster as the lesson starts it, at its first step. */
  async startLesson(id: string): Promise<void> {
    const s = await this.request({ type: 'lessonStart', lesson: id }, 'snapshot');
    useTerminal.getState().setRunning(false);
    this.adopt(s);
  }

  /** Leaves the lesson; the cluster stays. */
  async stopLesson(): Promise<void> {
    this.adoptLesson((await this.request({ type: 'lessonStop' }, 'lesson')).lesson);
  }

  /** Runs the current step's solution; its transcript goes to the terminal. */
  async solveLesson(): Promise<RunResult> {
    const r = await this.request({ type: 'lessonSolve' }, 'run');
    useTerminal.getState().append(r.result.output);
    return r.result;
  }

  terminate(): void {
    this.port.terminate?.();
  }
}

export const EngineContext = createContext<EngineClient | null>(null);

/** The engine client of the running app (provided at the root). */
export function useEngine(): EngineClient {
  const c = useContext(EngineContext);
  if (!c) throw new Error('useEngine outside <EngineContext.Provider>');
  return c;
}
