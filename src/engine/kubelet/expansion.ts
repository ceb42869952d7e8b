import type { Container } from 'kubernetes-types/core/v1';

/**
 * `$(VAR_NAME)` references, as the kubelet expands them in env values, command and args (k/k
 * third_party/forked/golang/expansion/expand.go and pkg/kubelet/container/helpers.go
 * ExpandContainerCommandAndArgs). Not a shell: `$VAR` and `${VAR}` pass through for the container's
 * own shell, `$$` is an escaped `$`, and a reference to a variable nobody defined stays as written.
 *
 * @example
 * expand('$(GREETING), $$(USER) $HOME', mappingFuncFor({ GREETING: 'hi' })) // 'hi, $(USER) $HOME'
 */
const OPERATOR = '$';
const OPENER = '(';
const CLOSER = ')';

/** The variables of the first context that has the name, else the reference as written (syntaxWrap). */
export function mappingFuncFor(...contexts: ReadonlyArray<Readonly<Record<string, string>>>): (name: string) => string {
  return (name) => {
    for (const vars of contexts) if (Object.hasOwn(vars, name)) return vars[name]!;
    return `${OPERATOR}${OPENER}${name}${CLOSER}`;
  };
}

export function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== OPERATOR || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const { read, isVar, advance } = tryReadVariableName(input.slice(cursor + 1));
    out += isVar ? mapping(read) : read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** What follows an operator: an escaped `$`, a complete `(NAME)`, or something that is no reference. */
function tryReadVariableName(input: string): { read: string; isVar: boolean; advance: number } {
  const r = String.fromCodePoint(input.codePointAt(0)!);
  if (r === OPERATOR) return { read: r, isVar: false, advance: r.length };
  if (r === OPENER) {
    const end = input.indexOf(CLOSER, 1);
    if (end >= 0) return { read: input.slice(1, end), isVar: true, advance: end + 1 };
    return { read: OPERATOR + OPENER, isVar: false, advance: 1 };
  }
  return { read: OPERATOR + r, isVar: false, advance: r.length };
}

/** ExpandContainerCommandAndArgs: command and args with references to the container's variables expanded. */
export function expandCommandAndArgs(c: Container, env: Readonly<Record<string, string>>): { command?: string[]; args?: string[] } {
  const mapping = mappingFuncFor(env);
  return {
    ...(c.command?.length ? { command: c.command.map((s) => expand(s, mapping)) } : {}),
    ...(c.args?.length ? { args: c.args.map((s) => expand(s, mapping)) } : {}),
  };
}
