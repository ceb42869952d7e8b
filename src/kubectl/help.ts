import type { Command } from './types';

/** `kubectl --help`, grouped as the real one groups its commands. */
export function rootHelp(commands: readonly Command[]): string {
  const top = commands.filter((c) => !c.name.includes(' ') || c.name.split(' ').length === 1);
  const width = Math.max(0, ...top.map((c) => c.name.length)) + 3;
  const lines = top.map((c) => `  ${c.name.padEnd(width)}${c.short}`);
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands:
${lines.join('\n')}

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}
