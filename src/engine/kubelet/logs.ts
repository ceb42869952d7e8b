/**
 * Container logs as the kubelet serves them from the CRI log files: one file per container instance,
 * so `kubectl logs` reads the latest instance and `--previous` the one before. Each buffer keeps the
 * last MAX_LOG_LINES lines (the real kubelet rotates at containerLogMaxSize instead).
 */
export const MAX_LOG_LINES = 10_000;

export class LogBuffer {
  private times: number[] = [];
  private lines: string[] = [];

  constructor(readonly containerID: string) {}

  push(time: number, line: string): void {
    this.times.push(time);
    this.lines.push(line);
    if (this.lines.length > MAX_LOG_LINES * 1.25) {
      const drop = this.lines.length - MAX_LOG_LINES;
      this.times.splice(0, drop);
      this.lines.splice(0, drop);
    }
  }

  get length(): number {
    return this.lines.length;
  }

  /** The lines as `kubectl logs` prints them, honouring --tail and --timestamps. */
  read(opts: { tailLines?: number; timestamps?: boolean } = {}): string[] {
    const n = Math.min(this.lines.length, MAX_LOG_LINES);
    let from = this.lines.length - n;
    if (opts.tailLines !== undefined && opts.tailLines >= 0) from = Math.max(from, this.lines.length - opts.tailLines);
    const out: string[] = [];
    for (let i = from; i < this.lines.length; i++) {
      out.push(opts.timestamps ? `${rfc3339Nano(this.times[i]!)} ${this.lines[i]}` : this.lines[i]!);
    }
    return out;
  }
}

/**
 * The log files of one container of one pod: the instances still on disk, newest last. The kubelet
 * keeps the current and the previous instance (container GC removes older dead containers).
 */
export class ContainerLogs {
  private instances: LogBuffer[] = [];

  /** A new container instance starts writing to a fresh file. */
  open(containerID: string): LogBuffer {
    const b = new LogBuffer(containerID);
    this.instances.push(b);
    if (this.instances.length > 2) this.instances.shift();
    return b;
  }

  byID(containerID: string | undefined): LogBuffer | undefined {
    if (!containerID) return undefined;
    for (let i = this.instances.length - 1; i >= 0; i--) if (this.instances[i]!.containerID === containerID) return this.instances[i];
    return undefined;
  }

  latest(): LogBuffer | undefined {
    return this.instances[this.instances.length - 1];
  }
}

/** RFC 3339 with nanoseconds, as containerd stamps each log line (`kubectl logs --timestamps`). */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
