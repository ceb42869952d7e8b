/**
 * The decision trace: which component did what, and why, as plain data. It is the teaching payload the
 * UI shows ("scheduler: node-2 filtered out: Insufficient cpu"); it never affects behaviour.
 */
export type Component =
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'kubelet'
  | 'kube-proxy'
  | 'coredns'
  | 'kubectl'
  | 'sim';

export interface TraceEntry {
  /** Simulated time, ms since the epoch. */
  time: number;
  seq: number;
  component: Component;
  /** The controller or plugin inside the component: `replicaset-controller`, `NodeResourcesFit`. */
  actor?: string;
  /** The node for kubelet and kube-proxy entries. */
  node?: string;
  message: string;
  /** The object the decision is about. */
  ref?: { kind: string; namespace?: string; name: string };
}

export type TraceInput = Omit<TraceEntry, 'time' | 'seq'>;

export class Trace {
  private entries: TraceEntry[] = [];
  private seq = 0;
  private listeners = new Set<(e: TraceEntry) => void>();

  constructor(
    private readonly now: () => number,
    private readonly limit = 5000,
  ) {}

  record(input: TraceInput): void {
    const entry: TraceEntry = { time: this.now(), seq: ++this.seq, ...input };
    this.entries.push(entry);
    if (this.entries.length > this.limit * 1.25) this.entries.splice(0, this.entries.length - this.limit);
    for (const l of this.listeners) l(entry);
  }

  /** Entries recorded after `afterSeq` (all retained ones by default). */
  since(afterSeq = 0): TraceEntry[] {
    return this.entries.filter((e) => e.seq > afterSeq);
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: (e: TraceEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
