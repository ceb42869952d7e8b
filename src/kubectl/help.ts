import type { Command } from './types';

/**
 * kubectl's command groups (pkg/cmd/cmd.go NewKubectlCommand), in the order `kubectl --help` prints
 * them; commands Kubesim does not have are left out, and a group left empty is not printed.
 */
const GROUPS: ReadonlyArray<{ message: string; commands: readonly string[] }> = [
  { message: 'Basic Commands (Beginner):', commands: ['create', 'expose', 'run', 'set'] },
  { message: 'Basic Commands (Intermediate):', commands: ['explain', 'get', 'edit', 'delete'] },
  { message: 'Deploy Commands:', commands: ['rollout', 'scale', 'autoscale'] },
  {
    message: 'Cluster Management Commands:',
    commands: ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'],
  },
  {
    message: 'Troubleshooting and Debugging Commands:',
    commands: ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'],
  },
  { message: 'Advanced Commands:', commands: ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize'] },
  { message: 'Settings Commands:', commands: ['label', 'annotate', 'completion'] },
];

/** `kubectl --help`, grouped as the real one groups its commands; the rest under "Other Commands:". */
export function rootHelp(commands: readonly Command[]): string {
  const top = commands.filter((c) => !c.name.includes(' '));
  const byName = new Map(top.map((c) => [c.name, c]));
  const width = Math.max(0, ...top.map((c) => c.name.length)) + 3;
  const row = (c: Command) => `  ${c.name.padEnd(width)}${c.short}\n`;
  const grouped = new Set(GROUPS.flatMap((g) => g.commands));
  let sections = '';
  for (const g of GROUPS) {
    const cmds = g.commands.map((n) => byName.get(n)).filter((c): c is Command => !!c);
    if (cmds.length) sections += `${g.message}\n${cmds.map(row).join('')}\n`;
  }
  const other = top.filter((c) => !grouped.has(c.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (other.length) sections += `Other Commands:\n${other.map(row).join('')}\n`;
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

${sections}Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}
