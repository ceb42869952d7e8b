import { describe, expect, it } from 'vitest';
import { BUSY_LOOP_ITERATIONS, BUSY_LOOP_SLEEP_MS, globToRegex } from './shell';
import { FakeClock, TEST_START, sh } from './testkit';

describe('sh -c: sequencing, time and exit status', () => {
  it('runs `echo hello; sleep 5; exit 3` as output, a 5 s sleep, and exit 3', () => {
    const r = sh('echo hello; sleep 5; exit 3');
    expect(r.steps).toEqual([
      { kind: 'output', stream: 'stdout', text: 'hello\n' },
      { kind: 'sleep', ms: 5000 },
      { kind: 'exit', code: 3 },
    ]);
  });

  it('evaluates `while true` lazily: every next() gives the following tick', () => {
    const r = sh('while true; do echo tick; sleep 1; done', { maxSteps: 9 });
    expect(r.end).toBe('limit');
    expect(r.steps).toEqual([
      { kind: 'output', stream: 'stdout', text: 'tick\n' },
      { kind: 'sleep', ms: 1000 },
      { kind: 'output', stream: 'stdout', text: 'tick\n' },
      { kind: 'sleep', ms: 1000 },
      { kind: 'output', stream: 'stdout', text: 'tick\n' },
      { kind: 'sleep', ms: 1000 },
      { kind: 'output', stream: 'stdout', text: 'tick\n' },
      { kind: 'sleep', ms: 1000 },
      { kind: 'output', stream: 'stdout', text: 'tick\n' },
    ]);
  });

  it('accepts `while :` and newline-separated scripts', () => {
    const r = sh(
      'i=0\nwhile :\ndo\n  i=$((i+1))\n  echo "n=$i"\n  [ $i -ge 3 ] && break\ndone\necho end',
      {},
    );
    expect(r.stdout).toBe('n=1\nn=2\nn=3\nend\n');
    expect(r.end).toBe(0);
  });

  it('keeps a busy loop from hanging the engine by inserting a short sleep', () => {
    const r = sh('while true; do echo x; done', { maxSteps: BUSY_LOOP_ITERATIONS + 1 });
    const firstSleep = r.steps.findIndex((s) => s.kind === 'sleep');
    expect(firstSleep).toBe(BUSY_LOOP_ITERATIONS - 1);
    expect(r.steps[firstSleep]).toEqual({ kind: 'sleep', ms: BUSY_LOOP_SLEEP_MS });
    // A loop with no output at all still lets time move.
    const silent = sh('while :; do :; done', { maxSteps: 3 });
    expect(silent.steps.every((s) => s.kind === 'sleep')).toBe(true);
  });

  it('sleep understands fractions, suffixes and infinity', () => {
    expect(sh('sleep 0.5').steps[0]).toEqual({ kind: 'sleep', ms: 500 });
    expect(sh('sleep 5s').steps[0]).toEqual({ kind: 'sleep', ms: 5000 });
    expect(sh('sleep 1m').steps[0]).toEqual({ kind: 'sleep', ms: 60_000 });
    expect(sh('sleep 1 2').steps[0]).toEqual({ kind: 'sleep', ms: 3000 });
    expect(sh('sleep infinity').end).toBe('block');
    const bad = sh('sleep abc');
    expect(bad.stderr).toBe("sleep: invalid number 'abc'\n");
    expect(bad.end).toBe(1);
  });

  it('exit without a number keeps the last status; exit codes wrap at 256', () => {
    expect(sh('false; exit').end).toBe(1);
    expect(sh('exit 256').end).toBe(0);
    expect(sh('exit 300').end).toBe(44);
    expect(sh('true').end).toBe(0);
    expect(sh('false').end).toBe(1);
    const bad = sh('exit abc');
    expect(bad.stderr).toBe('sh: exit: Illegal number: abc\n');
    expect(bad.end).toBe(2);
  });

  it('finds utilities where the image keeps them', () => {
    expect(sh('which sh').stdout).toBe('/bin/sh\n');
    expect(sh('which sh', { ref: 'debian:12' }).stdout).toBe('/usr/bin/sh\n');
    expect(sh('command -v nope || echo missing').stdout).toBe('missing\n');
  });
});

describe('control flow', () => {
  it('for loops over words and fields', () => {
    expect(sh('for i in 1 2 3; do echo $i; done').stdout).toBe('1\n2\n3\n');
    expect(sh('L="a b  c"; for w in $L; do echo "[$w]"; done').stdout).toBe('[a]\n[b]\n[c]\n');
    expect(sh('L="a b"; for w in "$L"; do echo "[$w]"; done').stdout).toBe('[a b]\n');
    expect(sh('set -- x y; for a; do echo $a; done').stdout).toBe('x\ny\n');
  });

  it('if / elif / else pick the right branch by exit status', () => {
    const script = (n: number) =>
      `n=${n}; if [ $n -lt 0 ]; then echo neg; elif [ $n -eq 0 ]; then echo zero; else echo pos; fi`;
    expect(sh(script(-1)).stdout).toBe('neg\n');
    expect(sh(script(0)).stdout).toBe('zero\n');
    expect(sh(script(7)).stdout).toBe('pos\n');
    expect(sh('if false; then echo a; fi; echo $?').stdout).toBe('0\n');
  });

  it('&& and || short-circuit; ! negates', () => {
    expect(sh('true && echo yes || echo no').stdout).toBe('yes\n');
    expect(sh('false && echo yes || echo no').stdout).toBe('no\n');
    expect(sh('false || false || echo third').stdout).toBe('third\n');
    expect(sh('true || echo never; echo $?').stdout).toBe('0\n');
    expect(sh('! false && echo negated').stdout).toBe('negated\n');
    expect(sh('! true; echo $?').stdout).toBe('1\n');
  });

  it('until, break, continue and nested loops', () => {
    expect(sh('i=0; until [ $i -ge 3 ]; do echo $i; i=$((i+1)); done').stdout).toBe('0\n1\n2\n');
    expect(sh('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done').stdout).toBe(
      '1\n3\n',
    );
    expect(sh('for a in 1 2; do for b in x y; do [ $b = y ] && break 2; echo $a$b; done; done').stdout).toBe(
      '1x\n',
    );
  });

  it('case matches glob patterns', () => {
    const script = (v: string) =>
      `case ${v} in start|run) echo go;; stop*) echo halt;; *) echo "unknown $1";; esac`;
    expect(sh(script('run')).stdout).toBe('go\n');
    expect(sh(script('stopped')).stdout).toBe('halt\n');
    expect(sh(script('zzz')).stdout).toBe('unknown \n');
  });

  it('functions with arguments, return and local', () => {
    const r = sh(
      'greet() { local who=$1; echo "hi $who"; return 4; }; who=outer; greet pod; echo "rc=$? who=$who"',
    );
    expect(r.stdout).toBe('hi pod\nrc=4 who=outer\n');
  });

  it('set -e stops at the first failure, but not in conditions', () => {
    const r = sh('set -e; echo one; false; echo two');
    expect(r.stdout).toBe('one\n');
    expect(r.end).toBe(1);
    expect(sh('set -e; if false; then :; fi; false || true; echo ok').stdout).toBe('ok\n');
    expect(sh('sh -ec "echo a; false; echo b"').stdout).toBe('a\n');
  });

  it('set -x traces commands to stderr', () => {
    const r = sh('set -x; echo hi');
    expect(r.stderr).toBe('+ echo hi\n');
    expect(r.stdout).toBe('hi\n');
  });

  it('subshells and command substitution do not leak variables', () => {
    expect(sh('x=1; (x=2; echo in $x); echo out $x').stdout).toBe('in 2\nout 1\n');
    expect(sh('x=1; y=$(x=5; echo $x); echo $x $y').stdout).toBe('1 5\n');
  });

  it('runs pipelines stage by stage', () => {
    expect(sh('printf "b\\na\\nb\\n" | sort | uniq').stdout).toBe('a\nb\n');
    expect(sh('echo hello world | wc -w').stdout).toBe('2\n');
    expect(sh('printf "x\\ny\\n" | while read line; do echo "got $line"; done').stdout).toBe(
      'got x\ngot y\n',
    );
    expect(sh('echo abc | grep -q b && echo found').stdout).toBe('found\n');
  });

  it('reports syntax errors in the dialect of the shell', () => {
    const ash = sh('if true; then echo x');
    expect(ash.stderr).toBe('sh: syntax error: unexpected end of file (expecting "fi")\n');
    expect(ash.end).toBe(2);
    expect(sh('echo a; done').stderr).toBe('sh: syntax error: unexpected "done"\n');
    const dash = sh('for i in 1; do echo $i', { ref: 'debian:12' });
    expect(dash.stderr).toBe('sh: 1: Syntax error: end of file unexpected (expecting "done")\n');
    const bash = sh('echo a; done', { ref: 'debian:12', shell: 'bash' });
    expect(bash.stderr).toBe(
      "bash: -c: line 1: syntax error near unexpected token `done'\nbash: -c: line 1: `echo a; done'\n",
    );
  });
});

describe('words and expansion', () => {
  it('echo handles quoting, -n, -e and escapes like busybox', () => {
    expect(sh(`echo 'single $HOME' "double \\"q\\"" plain\\ space`).stdout).toBe(
      'single $HOME double "q" plain space\n',
    );
    expect(sh('echo -n no-newline').stdout).toBe('no-newline');
    expect(sh("echo -e 'a\\tb'").stdout).toBe('a\tb\n');
    expect(sh("echo 'a\\tb'").stdout).toBe('a\\tb\n');
    expect(sh("echo -en '\\n'").stdout).toBe('\n');
  });

  it("dash's echo always interprets escapes and knows only -n", () => {
    expect(sh("echo -e 'a\\tb'", { ref: 'debian:12' }).stdout).toBe('-e a\tb\n');
  });

  it('expands $VAR and ${VAR} from the container env, with defaults', () => {
    const env = { GREETING: 'hello', NAME: 'pod' };
    expect(sh('echo "$GREETING, ${NAME}!"', { env }).stdout).toBe('hello, pod!\n');
    expect(sh('echo ${UNSET:-fallback} ${NAME:+set} ${#GREETING}', { env }).stdout).toBe('fallback set 5\n');
    expect(sh('echo ${UNSET:=assigned}; echo $UNSET').stdout).toBe('assigned\nassigned\n');
    expect(sh('f=/var/log/app.log; echo ${f##*/} ${f%.log} ${f#/var/}').stdout).toBe(
      'app.log /var/log/app log/app.log\n',
    );
    expect(sh('v=hello; echo ${v/l/L} ${v//l/L} ${v:1:3}').stdout).toBe('heLlo heLLo ell\n');
  });

  it('${VAR:?msg} aborts the shell with the message', () => {
    const r = sh('echo ${DB_HOST:?DB_HOST is required}; echo after');
    expect(r.stderr).toBe('sh: DB_HOST: DB_HOST is required\n');
    expect(r.stdout).toBe('');
    expect(r.end).toBe(2);
  });

  it('knows $(hostname), $HOSTNAME and the container env', () => {
    const r = sh('echo "$(hostname) $HOSTNAME"');
    expect(r.stdout).toBe('test-pod test-pod\n');
    expect(sh('echo `echo back` $(echo $(echo nested))').stdout).toBe('back nested\n');
  });

  it('does arithmetic', () => {
    expect(
      sh('echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7 / 2)) $((7 % 3)) $((2 ** 10)) $((5 > 3))').stdout,
    ).toBe('7 9 3 1 1024 1\n');
    expect(sh('i=5; i=$((i+1)); : $((i+=10)); echo $i $((i++)) $i').stdout).toBe('16 16 17\n');
    expect(sh('x=0x10; echo $((x + 010))').stdout).toBe('24\n');
  });

  it('passes special parameters', () => {
    expect(sh('echo $# $1 $2', { ref: 'busybox' }).stdout).toBe('0\n');
    const r = sh('echo "$0|$#|$1|$*"; for a in "$@"; do echo "<$a>"; done');
    expect(r.stdout).toBe('sh|0||\n');
  });

  it('sh -c script name args sets $0 and the positional parameters', () => {
    const r = sh('sh -c \'echo "$0:$1:$2"; echo $#\' myname one "two words"');
    expect(r.stdout).toBe('myname:one:two words\n2\n');
  });

  it('printf formats', () => {
    expect(sh('printf "%s-%d-%5.2f|%-4s|%03d\\n" a 42 3.14159 ab 7').stdout).toBe('a-42- 3.14|ab  |007\n');
    expect(sh('printf "%s\\n" a b c').stdout).toBe('a\nb\nc\n');
  });

  it('test / [ ] basics', () => {
    expect(
      sh('[ -z "" ] && [ -n x ] && [ a = a ] && [ a != b ] && [ 3 -gt 2 ] && [ ! 1 -eq 2 ] && echo ok')
        .stdout,
    ).toBe('ok\n');
    expect(sh('[ -d /tmp ] && [ ! -e /nope ] && [ -f /etc/hostname ] && echo files').stdout).toBe('files\n');
    expect(sh('test 1 -lt 2 -a 2 -lt 3 && echo and').stdout).toBe('and\n');
    const bad = sh('[ 1 -eq 1');
    expect(bad.stderr).toBe('sh: [: missing ]\n');
    expect(bad.end).toBe(2);
  });
});

describe('commands and the file system', () => {
  it('an unknown command is "not found" with status 127, in each dialect', () => {
    const ash = sh('foo; echo rc=$?');
    expect(ash.stderr).toBe('sh: foo: not found\n');
    expect(ash.stdout).toBe('rc=127\n');
    expect(sh('foo', { ref: 'debian:12' }).stderr).toBe('sh: 1: foo: not found\n');
    expect(sh('echo; foo', { ref: 'debian:12', shell: 'bash' }).stderr).toBe(
      'bash: line 1: foo: command not found\n',
    );
    expect(sh('foo').end).toBe(127);
  });

  it('writes and reads files with redirections', () => {
    const r = sh('echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; wc -l < /tmp/f');
    expect(r.stdout).toBe('one\ntwo\n2\n');
  });

  it('routes 2>&1, >&2 and /dev/null', () => {
    expect(sh('nope 2>&1').stdout).toBe('sh: nope: not found\n');
    expect(sh('echo to-stderr >&2').stderr).toBe('to-stderr\n');
    const r = sh('nope 2>/dev/null; echo quiet > /dev/null; echo done');
    expect(r.stdout).toBe('done\n');
    expect(r.stderr).toBe('');
    expect(sh('{ echo a; echo b >&2; } > /tmp/out 2>&1; cat /tmp/out').stdout).toBe('a\nb\n');
  });

  it('here-documents expand unless the delimiter is quoted', () => {
    const r = sh("NAME=pod\ncat <<EOF\nhello $NAME\nEOF\ncat <<'EOF'\nraw $NAME\nEOF");
    expect(r.stdout).toBe('hello pod\nraw $NAME\n');
  });

  it('cat of a missing file prints the busybox error', () => {
    const r = sh('cat /tmp/healthy');
    expect(r.stderr).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(r.end).toBe(1);
    expect(sh('cat /tmp/healthy', { ref: 'debian:12' }).stderr).toBe(
      'cat: /tmp/healthy: No such file or directory\n',
    );
  });

  it('touch and rm change what later commands see', () => {
    const r = sh(
      'touch /tmp/healthy; cat /tmp/healthy && echo present; rm -f /tmp/healthy; [ -e /tmp/healthy ] || echo gone',
    );
    expect(r.stdout).toBe('present\ngone\n');
  });

  it('redirecting into a missing directory fails like ash', () => {
    const r = sh('echo x > /no/such/dir/file; echo rc=$?');
    expect(r.stderr).toBe("sh: can't create /no/such/dir/file: nonexistent directory\n");
    expect(r.stdout).toBe('rc=1\n');
  });

  it('prints the environment with env and printenv', () => {
    const r = sh('env', { env: { APP_MODE: 'dev' } });
    expect(r.stdout).toContain('APP_MODE=dev\n');
    expect(r.stdout).toContain('HOSTNAME=test-pod\n');
    expect(r.stdout).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n');
    expect(sh('printenv APP_MODE', { env: { APP_MODE: 'dev' } }).stdout).toBe('dev\n');
  });

  it('date prints the simulated clock', () => {
    const clock = new FakeClock(TEST_START);
    expect(sh('date', { clock }).stdout).toBe('Mon Jan  5 09:00:00 UTC 2026\n');
    expect(sh('sleep 61; date +%H:%M:%S', { clock: new FakeClock(TEST_START) }).stdout).toBe('09:01:01\n');
    expect(sh('date +%Y-%m-%dT%H:%M:%S%z', { clock: new FakeClock(TEST_START) }).stdout).toBe(
      '2026-01-05T09:00:00+0000\n',
    );
  });

  it('wget and curl without a network report their real errors', () => {
    const w = sh('wget -qO- http://web');
    expect(w.stderr).toBe("wget: bad address 'web'\n");
    expect(w.end).toBe(1);
    const c = sh('curl -s http://web', { ref: 'nginx:1.27' });
    expect(c.end).toBe(6);
  });

  it('wget and curl go through the network callback when there is one', () => {
    const ctx = {
      fetch: (req: { url: string }) =>
        req.url.includes('web')
          ? {
              ok: true as const,
              status: 200,
              headers: { 'Content-Type': 'text/html' },
              body: 'hi from web\n',
              ip: '10.96.12.3',
              port: 80,
            }
          : { ok: false as const, error: 'refused' as const, host: 'db', ip: '10.96.0.9', port: 80 },
    };
    expect(sh('wget -qO- http://web', { ctx }).stdout).toBe('hi from web\n');
    const refused = sh('wget -qO- http://db', { ctx });
    expect(refused.stderr).toBe("wget: can't connect to remote host (10.96.0.9): Connection refused\n");
    const curl = sh('curl -s -o /dev/null -w "%{http_code}" http://web', { ctx, ref: 'nginx:1.27' });
    expect(curl.stdout).toBe('200');
    const curlErr = sh('curl -sS http://db', { ctx, ref: 'nginx:1.27' });
    expect(curlErr.stderr).toBe(
      "curl: (7) Failed to connect to db port 80 after 0 ms: Couldn't connect to server\n",
    );
    expect(curlErr.end).toBe(7);
  });

  it('nslookup answers from the DNS callback (the init-container tutorial loop)', () => {
    let ready = false;
    const ctx = {
      resolve: (name: string) =>
        ready
          ? { ok: true as const, name: `${name}.default.svc.cluster.local`, addresses: ['10.96.5.5'] }
          : { ok: false as const },
    };
    const clock = new FakeClock();
    const r = sh(
      'until nslookup myservice > /dev/null; do echo waiting for myservice; sleep 2; done; echo found',
      { ctx, clock, maxSteps: 4 },
    );
    expect(r.stdout).toBe('waiting for myservice\nwaiting for myservice\n');
    ready = true;
    const found = sh('nslookup myservice', { ctx });
    expect(found.stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tmyservice.default.svc.cluster.local\nAddress: 10.96.5.5\n\n',
    );
  });

  it('background jobs run alongside the script, and wait waits for them', () => {
    const r = sh('(sleep 2; echo bg) & echo fg; wait; echo after');
    expect(r.steps).toEqual([
      { kind: 'output', stream: 'stdout', text: 'fg\n' },
      { kind: 'sleep', ms: 2000 },
      { kind: 'output', stream: 'stdout', text: 'bg\n' },
      { kind: 'output', stream: 'stdout', text: 'after\n' },
      { kind: 'exit', code: 0 },
    ]);
  });

  it('tail -f keeps the container running', () => {
    expect(sh('tail -f /dev/null').end).toBe('block');
  });
});

describe('globToRegex', () => {
  it('translates shell patterns', () => {
    expect(globToRegex('*.log').test('app.log')).toBe(true);
    expect(globToRegex('a?c').test('abc')).toBe(true);
    expect(globToRegex('[!x]*').test('yes')).toBe(true);
    expect(globToRegex('[!x]*').test('xyz')).toBe(false);
    expect(globToRegex('a.b').test('axb')).toBe(false);
  });
});
