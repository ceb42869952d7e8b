import type { FlagSpec } from './types';

/**
 * Flag parsing as kubectl's pflag does it: `--flag=value`, `--flag value`, `-f value`, `-fvalue`,
 * `-f=value`, grouped boolean shorthands (`-it`), `--` ending flags, and flags anywhere among the
 * positional arguments. Errors use pflag's words, which kubectl prints as
 * `error: unknown flag: --foo` followed by `See 'kubectl get --help' for usage.`.
 */
export class FlagError extends Error {}

export class ParsedFlags {
  constructor(
    private readonly values: Map<string, string[]>,
    private readonly specs: Map<string, FlagSpec>,
    /** cobra's ArgsLenAtDash: how many positional arguments came before `--`, or -1 without one. */
    readonly argsLenAtDash = -1,
  ) {}

  /** Whether the user set the flag (as opposed to its default applying). */
  changed(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string {
    const v = this.values.get(name);
    if (v && v.length) return v[v.length - 1]!;
    const d = this.specs.get(name)?.default;
    return d === undefined ? '' : String(d);
  }

  bool(name: string): boolean {
    const v = this.values.get(name);
    if (v && v.length) return v[v.length - 1] === 'true';
    return this.specs.get(name)?.default === true;
  }

  int(name: string): number {
    const v = this.values.get(name);
    if (v && v.length) return Number(v[v.length - 1]);
    const d = this.specs.get(name)?.default;
    return typeof d === 'number' ? d : Number(d ?? 0);
  }

  /** Repeatable flags (`-f a -f b`, `--from-literal`), also accepting comma-separated values for stringArray. */
  strings(name: string): string[] {
    return this.values.get(name) ?? [];
  }
}

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'v', short: 'v', type: 'string', default: '0', usage: 'number for the log level verbosity' },
];

export function globalFlags(): readonly FlagSpec[] {
  return GLOBAL_FLAGS;
}

/** Parses `argv` against the command's flags plus kubectl's global flags. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): { args: string[]; flags: ParsedFlags } {
  const all = [...specs, ...GLOBAL_FLAGS.filter((g) => !specs.some((s) => s.name === g.name))];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  const set = (spec: FlagSpec, raw: string) => {
    const v = normalise(spec, raw);
    const list = values.get(spec.name) ?? [];
    if (spec.type === 'stringArray') list.push(v);
    else list.splice(0, list.length, v);
    values.set(spec.name, list);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, argv[++i]!);
      }
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      // Shorthand group: -it, -nfoo, -n foo, -n=foo
      let j = 1;
      while (j < a.length) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            set(spec, a.slice(j + 2));
            break;
          }
          set(spec, 'true');
          j++;
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest) set(spec, rest);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          set(spec, argv[++i]!);
        }
        break;
      }
    } else {
      args.push(a);
    }
  }
  return { args, flags: new ParsedFlags(values, byName, argsLenAtDash) };
}

function normalise(spec: FlagSpec, raw: string): string {
  const flag = `--${spec.name}`;
  switch (spec.type) {
    case 'bool': {
      const v = raw.toLowerCase();
      if (['true', 't', '1'].includes(v)) return 'true';
      if (['false', 'f', '0'].includes(v)) return 'false';
      throw new FlagError(`invalid argument "${raw}" for "${spec.short ? `-${spec.short}, ` : ''}${flag}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    }
    case 'int':
      if (!/^[+-]?\d+$/.test(raw)) {
        throw new FlagError(`invalid argument "${raw}" for "${spec.short ? `-${spec.short}, ` : ''}${flag}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      }
      return String(Number(raw));
    default:
      return raw;
  }
}
