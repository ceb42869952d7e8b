import type { ExecChunk, ExecEnd, ExecStream } from '../api/streaming';
import type { RunningContainer } from './cri';

/**
 * The streaming server's ServeExec (pkg/kubelet/cri/streaming/remotecommand/exec.go), which the
 * kubelet hands an exec connection to once it has found the running container: it starts the command
 * through the runtime, copies its output to the client, and ends the connection with a Status on the
 * error stream: Success, NonZeroExitCode with the exit code, or an InternalError for a command that
 * could not run (`error executing command in container: <the runtime's error>`).
 *
 * @example
 * const s = serveExec(container, ['cat', '/etc/hostname'], null);
 * s.read(); // { output: [{ stream: 'stdout', text: 'web\n' }], end: { kind: 'success' } }
 */
export function serveExec(container: RunningContainer, argv: string[], stdin: string | null): ExecStream {
  const started = container.execStream(argv, stdin);
  if (!started.ok) {
    let end: ExecEnd | undefined = {
      kind: 'error',
      message: `Internal error occurred: error executing command in container: ${started.error}`,
    };
    return {
      read() {
        const r = end ? { output: [], end } : { output: [] };
        end = undefined;
        return r;
      },
      close() {},
    };
  }
  const proc = started.process;
  let ended = false;
  return {
    read(): { output: ExecChunk[]; end?: ExecEnd } {
      if (ended) return { output: [] };
      const r = proc.read();
      if (r.exitCode === undefined) return { output: r.output };
      ended = true;
      return { output: r.output, end: r.exitCode === 0 ? { kind: 'success' } : { kind: 'exit', code: r.exitCode } };
    },
    close() {
      // The process runs on (containerd waits for it); it is just no longer read.
      ended = true;
    },
  };
}
