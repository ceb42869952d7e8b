import { describe, expect, it } from 'vitest';
import { piDigits } from './apps';
import {
  createContainerFileSystem,
  effectiveArgv,
  execInContainer,
  expandContainerArgs,
  startContainer,
} from './process';
import { FakeClock, TEST_START, drive, execIn, image, runContainer } from './testkit';

describe('command and args (Kubernetes semantics)', () => {
  const nginx = image('nginx:1.27');
  it.each([
    [{}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    [
      { args: ['nginx-debug', '-g', 'daemon off;'] },
      ['/docker-entrypoint.sh', 'nginx-debug', '-g', 'daemon off;'],
    ],
    [{ command: ['nginx'] }, ['nginx']],
    [{ command: ['nginx'], args: ['-g', 'daemon off;'] }, ['nginx', '-g', 'daemon off;']],
    [{ command: [], args: [] }, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
  ])('%j runs %j', (spec, argv) => {
    expect(effectiveArgv(nginx, spec)).toEqual(argv);
  });

  it('expands $(VAR) references from the env like the kubelet', () => {
    expect(
      expandContainerArgs(['echo $(GREETING) $(MISSING) $$(ESCAPED) $HOME'], { GREETING: 'hi' }),
    ).toEqual(['echo hi $(MISSING) $(ESCAPED) $HOME']);
  });
});

describe('starting containers', () => {
  it('plain busybox runs sh with no input and exits 0 at once (so a busybox Deployment crash-loops)', () => {
    const r = runContainer('busybox', {});
    expect(r.steps).toEqual([{ kind: 'exit', code: 0 }]);
    expect(runContainer('alpine:3.20', {}).end).toBe(0);
    expect(runContainer('ubuntu:24.04', {}).end).toBe(0);
    expect(runContainer('python:3.12', {}).end).toBe(0);
    expect(runContainer('node:22', {}).end).toBe(0);
  });

  it('fails with StartError 128 when the executable is not in the image', () => {
    const r = startContainer(
      image('busybox'),
      { command: ['foo'] },
      { hostname: 'p', now: () => TEST_START },
    );
    expect(r).toEqual({
      ok: false,
      reason: 'StartError',
      exitCode: 128,
      message:
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown',
    });
    const abs = startContainer(
      image('nginx'),
      { command: ['/app/server'] },
      { hostname: 'p', now: () => TEST_START },
    );
    expect(!abs.ok && abs.message).toContain(
      'exec: "/app/server": stat /app/server: no such file or directory: unknown',
    );
  });

  it('images without a shell cannot run sh -c', () => {
    const r = startContainer(
      image('hashicorp/http-echo'),
      { command: ['sh', '-c', 'echo hi'] },
      { hostname: 'p', now: () => TEST_START },
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('exec: "sh": executable file not found in $PATH');
  });

  it('a long sleep blocks; sleep infinity and pause block forever', () => {
    const s = runContainer('busybox', { command: ['sleep', '3600'] });
    expect(s.steps).toEqual([
      { kind: 'sleep', ms: 3_600_000 },
      { kind: 'exit', code: 0 },
    ]);
    expect(runContainer('busybox', { command: ['sleep', 'infinity'] }).end).toBe('block');
    expect(runContainer('registry.k8s.io/pause:3.10', {}).end).toBe('block');
  });

  it('a script file with a shebang runs through its interpreter', () => {
    const img = image('busybox');
    const clock = new FakeClock();
    const fs = createContainerFileSystem(img, {
      hostname: 'p',
      files: { '/scripts/run.sh': '#!/bin/sh\necho "from script $1"\n' },
    });
    const r = startContainer(
      img,
      { command: ['/scripts/run.sh', 'arg'] },
      { hostname: 'p', now: clock.now, fs },
    );
    if (!r.ok) throw new Error(r.message);
    expect(drive(r.process, clock).stdout).toBe('from script arg\n');
  });
});

describe('nginx', () => {
  it('logs its real entrypoint and start-up lines, then serves', () => {
    const r = runContainer('nginx:1.27', {}, { ctx: { cpus: 2 } });
    expect(r.end).toBe('serve');
    expect(r.steps[r.steps.length - 1]).toEqual({ kind: 'serve', ports: [80] });
    expect(r.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(r.stderr).toContain('2026/01/05 09:00:00 [notice] 1#1: nginx/1.27.5\n');
    expect(r.stderr).toContain('2026/01/05 09:00:00 [notice] 1#1: start worker processes\n');
    expect(r.stderr).toContain('[notice] 1#1: start worker process 29\n');
    expect(r.stderr).toContain('[notice] 1#1: start worker process 30\n');
    expect(r.stderr).not.toContain('start worker process 31');
    expect(r.process.listeningPorts()).toEqual([80]);
  });

  it('answers HTTP with the welcome page, 404 for anything else, and logs access', () => {
    const { process } = runContainer('nginx:1.27', {});
    const ok = process.http({ port: 80, path: '/', remoteAddr: '10.244.0.1', userAgent: 'curl/8.5.0' });
    if (ok.kind !== 'response') throw new Error(ok.kind);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>Welcome to nginx!</title>');
    expect(ok.headers).toMatchObject({ Server: 'nginx/1.27.5', 'Content-Length': '615' });
    expect(ok.logs).toEqual([
      {
        kind: 'output',
        stream: 'stdout',
        text: '10.244.0.1 - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"\n',
      },
    ]);
    const missing = process.http({ port: 80, path: '/nope' });
    expect(missing.kind === 'response' && missing.status).toBe(404);
    expect(missing.kind === 'response' && missing.body).toContain('<center>nginx/1.27.5</center>');
    expect(process.http({ port: 8080 })).toEqual({ kind: 'refused' });
  });

  it('serves what another process wrote into its document root', () => {
    const img = image('nginx:1.27');
    const clock = new FakeClock();
    const fs = createContainerFileSystem(img, { hostname: 'web-0' });
    const r = startContainer(img, {}, { hostname: 'web-0', now: clock.now, fs });
    if (!r.ok) throw new Error(r.message);
    drive(r.process, clock);
    execIn('nginx:1.27', ['sh', '-c', 'echo "hello from $(hostname)" > /usr/share/nginx/html/index.html'], {
      fs,
      hostname: 'web-0',
      clock,
    });
    const res = r.process.http({ port: 80, path: '/' });
    expect(res.kind === 'response' && res.body).toBe('hello from web-0\n');
  });

  it('exits 0 at once without `daemon off;` (nginx forks into the background)', () => {
    const r = runContainer('nginx:1.27', { command: ['nginx'] });
    expect(r.end).toBe(0);
  });

  it('old images log nothing at start-up (error_log at warn level)', () => {
    const r = runContainer('nginx:1.14.2', {});
    expect(r.steps).toEqual([{ kind: 'serve', ports: [80] }]);
    const res = r.process.http({ port: 80 });
    expect(res.kind === 'response' && res.body).toContain('Welcome to nginx!');
  });

  it('shuts down gracefully on its stop signal SIGQUIT', () => {
    const clock = new FakeClock();
    const r = runContainer('nginx:1.27', {}, { clock, ctx: { cpus: 1 } });
    expect(image('nginx:1.27').config.stopSignal).toBe('SIGQUIT');
    expect(r.process.signal('SIGQUIT')).toBe('handled');
    const rest = drive(r.process, clock);
    expect(rest.stderr).toBe(
      [
        '2026/01/05 09:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
        '2026/01/05 09:00:00 [notice] 29#29: gracefully shutting down',
        '2026/01/05 09:00:00 [notice] 29#29: exiting',
        '2026/01/05 09:00:00 [notice] 29#29: exit',
        '2026/01/05 09:00:00 [notice] 1#1: signal 17 (SIGCHLD) received from 29',
        '2026/01/05 09:00:00 [notice] 1#1: worker process 29 exited with code 0',
        '2026/01/05 09:00:00 [notice] 1#1: exit',
        '',
      ].join('\n'),
    );
    expect(rest.end).toBe(0);
    expect(r.process.exitCode).toBe(0);
  });
});

describe('other servers', () => {
  it('httpd says It works!', () => {
    const r = runContainer('httpd:2.4', {});
    expect(r.end).toBe('serve');
    expect(r.stderr).toContain(
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.7.",
    );
    const res = r.process.http({ port: 80, path: '/' });
    expect(res.kind === 'response' && res.body).toBe('<html><body><h1>It works!</h1></body></html>\n');
  });

  it('http-echo echoes its -text argument and needs one', () => {
    const r = runContainer('hashicorp/http-echo:1.0', { args: ['-text=hello world', '-listen=:8080'] });
    expect(r.stderr).toBe('2026/01/05 09:00:00 [INFO] server is listening on :8080\n');
    const res = r.process.http({ port: 8080, path: '/anything' });
    expect(res.kind === 'response' && res.body).toBe('hello world\n');
    const missing = runContainer('hashicorp/http-echo:1.0', {});
    expect(missing.stderr).toBe('Missing -text option OR ENV var TEXT is empty!\n');
    expect(missing.end).toBe(127);
  });

  it('agnhost netexec answers /hostname; liveness starts failing after 10 s', () => {
    const net = runContainer('registry.k8s.io/e2e-test-images/agnhost:2.39', {
      args: ['netexec', '--http-port=8080'],
    });
    const host = net.process.http({ port: 8080, path: '/hostname' });
    expect(host.kind === 'response' && host.body).toBe('test-pod');
    const echo = net.process.http({ port: 8080, path: '/echo?msg=hi%20there' });
    expect(echo.kind === 'response' && echo.body).toBe('hi there');

    const clock = new FakeClock();
    const live = runContainer(
      'registry.k8s.io/e2e-test-images/agnhost:2.40',
      { args: ['liveness'] },
      { clock },
    );
    const early = live.process.http({ port: 8080, path: '/healthz' });
    expect(early.kind === 'response' && [early.status, early.body]).toEqual([200, 'ok']);
    clock.ms += 12_500;
    const late = live.process.http({ port: 8080, path: '/healthz' });
    expect(late.kind === 'response' && [late.status, late.body]).toEqual([500, 'error: 12.5']);
  });

  it('redis logs its banner, listens on --port, and refuses HTTP', () => {
    const r = runContainer('redis:7.2', {});
    expect(r.stdout).toContain('* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n');
    expect(r.stdout).toContain(
      '* Redis version=7.2.7, bits=64, commit=00000000, modified=0, pid=1, just started\n',
    );
    expect(r.stdout).toContain('* Ready to accept connections tcp\n');
    expect(r.process.listeningPorts()).toEqual([6379]);
    const http = r.process.http({ port: 6379, remoteAddr: '10.244.0.1:5555' });
    expect(http.kind).toBe('closed');
    expect(http.kind === 'closed' && http.logs[0]?.text).toContain('Possible SECURITY ATTACK detected');
    const custom = runContainer('redis:7.4', { args: ['--port', '7000'] });
    expect(custom.process.listeningPorts()).toEqual([7000]);
    expect(custom.stdout).toContain('Running mode=standalone, port=7000.\n');
    expect(custom.stdout).toContain('* Configuration loaded\n');
  });

  it("redis's entrypoint runs redis-server for a .conf argument", () => {
    const r = runContainer('redis:7.4', { args: ['/usr/local/etc/redis/redis.conf'] });
    expect(r.end).toBe('serve');
    expect(r.stdout).toContain('* Configuration loaded\n');
  });

  it('coredns prints its banner with the Corefile hash', () => {
    const r = runContainer('registry.k8s.io/coredns/coredns:v1.12.0', {
      args: ['-conf', '/etc/coredns/Corefile'],
    });
    expect(r.stdout).toMatch(
      /^maxprocs: Leaving GOMAXPROCS=2: CPU quota undefined\n\.:53\n\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}\nCoreDNS-1\.12\.0\nlinux\/amd64, go1\.23\.3, 51e11f1\n$/,
    );
    expect(r.process.listeningPorts()).toEqual([53, 8080, 8181, 9153]);
  });

  it('redis-cli ping answers PONG only when the server listens in the pod', () => {
    expect(execIn('redis:7.4', ['redis-cli', 'ping'], { podListening: () => [6379] }).stdout).toBe('PONG\n');
    const down = execIn('redis:7.4', ['redis-cli', 'ping']);
    expect(down.stdout).toBe('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    expect(down.end).toBe(1);
  });
});

describe('databases', () => {
  it('postgres without POSTGRES_PASSWORD prints its error and exits 1', () => {
    const r = runContainer('postgres:16', {});
    expect(r.stderr).toBe(
      'Error: Database is uninitialized and superuser password is not specified.\n' +
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n' +
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n' +
        '\n' +
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n' +
        '       connections without a password. This is *not* recommended.\n' +
        '\n' +
        '       See PostgreSQL documentation about "trust":\n' +
        '       https://www.postgresql.org/docs/current/auth-trust.html\n',
    );
    expect(r.stdout).toBe('');
    expect(r.end).toBe(1);
  });

  it('postgres with a password initialises, then accepts connections on 5432', () => {
    const r = runContainer('postgres:16', {}, { env: { POSTGRES_PASSWORD: 'secret' } });
    expect(r.end).toBe('serve');
    expect(r.stdout).toContain('PostgreSQL init process complete; ready for start up.\n');
    expect(r.stderr).toContain('LOG:  starting PostgreSQL 16.10 (Debian 16.10-1.pgdg120+1)');
    expect(r.stderr).toContain('LOG:  database system is ready to accept connections\n');
    expect(r.elapsedMs).toBeGreaterThan(1000);
    expect(r.process.listeningPorts()).toEqual([5432]);
    expect(runContainer('postgres:16', {}, { env: { POSTGRES_HOST_AUTH_METHOD: 'trust' } }).end).toBe(
      'serve',
    );
    expect(
      execIn('postgres:16', ['pg_isready', '-U', 'postgres'], { podListening: () => [5432] }).stdout,
    ).toBe('/var/run/postgresql:5432 - accepting connections\n');
  });

  it('mysql requires a root password option', () => {
    const r = runContainer('mysql:8.4', {});
    expect(r.stdout).toContain("[Note] [Entrypoint]: Switching to dedicated user 'mysql'\n");
    expect(r.stderr).toBe(
      '2026-01-05 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of the following as an environment variable:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
    expect(r.end).toBe(1);
    const ok = runContainer('mysql:8.4', {}, { env: { MYSQL_ROOT_PASSWORD: 'pw' } });
    expect(ok.end).toBe('serve');
    expect(ok.stderr).toContain(
      "ready for connections. Version: '8.4.6'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306",
    );
  });
});

describe('exec into a running container (probes, kubectl exec)', () => {
  it('follows the liveness-exec tutorial: cat /tmp/healthy succeeds for 30 s, then fails', () => {
    const img = image('registry.k8s.io/busybox:1.27.2');
    const clock = new FakeClock();
    const fs = createContainerFileSystem(img, { hostname: 'liveness-exec' });
    const main = startContainer(
      img,
      { args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] },
      { hostname: 'liveness-exec', now: clock.now, fs },
    );
    if (!main.ok) throw new Error(main.message);
    expect(main.process.next()).toEqual({ kind: 'sleep', ms: 30_000 });
    const probe = () => execIn('registry.k8s.io/busybox:1.27.2', ['cat', '/tmp/healthy'], { fs, clock });
    expect(probe().end).toBe(0);
    clock.ms += 30_000;
    expect(main.process.next()).toEqual({ kind: 'sleep', ms: 600_000 });
    const failed = probe();
    expect(failed.end).toBe(1);
    expect(failed.stderr).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
  });

  it('reports a missing executable the way runc exec does', () => {
    const r = execInContainer(image('alpine:3.20'), ['bash'], { hostname: 'p', now: () => TEST_START });
    expect(r).toEqual({
      ok: false,
      reason: 'StartError',
      exitCode: 126,
      message:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
    });
    expect(
      execInContainer(image('registry.k8s.io/pause:3.10'), ['sh'], { hostname: 'p', now: () => TEST_START })
        .ok,
    ).toBe(false);
  });
});

describe('signals to PID 1', () => {
  it('a shell or sleep as PID 1 ignores SIGTERM (killed only after the grace period)', () => {
    const r = runContainer('busybox', { command: ['sleep', '3600'] }, { maxSteps: 0 });
    expect(r.process.signal('SIGTERM')).toBe('ignored');
    const shell = runContainer(
      'busybox',
      { command: ['sh', '-c', 'while true; do sleep 1; done'] },
      { maxSteps: 1 },
    );
    expect(shell.process.signal('SIGTERM')).toBe('ignored');
  });

  it('a trap makes the shell handle it', () => {
    const clock = new FakeClock();
    const r = runContainer(
      'busybox',
      { command: ['sh', '-c', "trap 'echo bye; exit 0' TERM; echo started; while true; do sleep 1; done"] },
      { clock, maxSteps: 3 },
    );
    expect(r.stdout).toBe('started\n');
    expect(r.process.signal('SIGTERM')).toBe('handled');
    const rest = drive(r.process, clock);
    expect(rest.stdout).toBe('bye\n');
    expect(rest.end).toBe(0);
  });

  it('sh -c with a single command execs it, so the program handles signals itself', () => {
    const r = runContainer('redis:7.4', { command: ['sh', '-c', 'redis-server --port 6380'] });
    expect(r.process.listeningPorts()).toEqual([6380]);
    expect(r.process.signal('SIGTERM')).toBe('handled');
    const clock = new FakeClock();
    const rest = drive(r.process, clock);
    expect(rest.stdout).toContain('Received SIGTERM scheduling shutdown...');
    expect(rest.end).toBe(0);
  });
});

describe('language runtimes', () => {
  it('python buffers stdout unless PYTHONUNBUFFERED is set', () => {
    const script = 'import time\nwhile True:\n    print("tick")\n    time.sleep(1)';
    const buffered = runContainer('python:3.12', { command: ['python', '-c', script] }, { maxSteps: 20 });
    expect(buffered.stdout).toBe('');
    const unbuffered = runContainer(
      'python:3.12',
      { command: ['python', '-c', script] },
      { env: { PYTHONUNBUFFERED: '1' }, maxSteps: 4 },
    );
    expect(unbuffered.stdout).toBe('tick\ntick\n');
    const oneShot = runContainer('python:3.12', {
      command: ['python3', '-c', "print('hello', 42); import sys; sys.exit(3)"],
    });
    expect(oneShot.stdout).toBe('hello 42\n');
    expect(oneShot.end).toBe(3);
  });

  it('python reports a missing script and serves with -m http.server', () => {
    const missing = runContainer('python:3.12-slim', { command: ['python', 'app.py'] });
    expect(missing.stderr).toBe("python: can't open file '/app.py': [Errno 2] No such file or directory\n");
    expect(missing.end).toBe(2);
    const server = runContainer('python:3.12', { command: ['python', '-m', 'http.server', '8080'] });
    expect(server.end).toBe('serve');
    expect(server.stdout).toBe('');
    expect(server.process.listeningPorts()).toEqual([8080]);
  });

  it('code beyond the mini interpreter is reported as not simulated', () => {
    const r = runContainer('python:3.12', {
      command: ['python', '-c', 'import json; print(json.dumps({"a": 1}))'],
    });
    expect(r.stderr).toBe('kubesim: this python code is not simulated: json.dumps({"a": 1})\n');
    expect(r.end).toBe(1);
  });

  it('node runs console.log and setInterval', () => {
    const r = runContainer(
      'node:22-alpine',
      { command: ['node', '-e', "setInterval(() => console.log('ping'), 500)"] },
      { maxSteps: 4 },
    );
    expect(r.steps).toEqual([
      { kind: 'sleep', ms: 500 },
      { kind: 'output', stream: 'stdout', text: 'ping\n' },
      { kind: 'sleep', ms: 500 },
      { kind: 'output', stream: 'stdout', text: 'ping\n' },
    ]);
    const missing = runContainer('node:22', { args: ['server.js'] });
    expect(missing.stderr).toContain("Error: Cannot find module '/server.js'\n");
    expect(missing.end).toBe(1);
  });

  it('perl computes π for the Job tutorial', () => {
    const r = runContainer('perl:5.34.0', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] });
    expect(r.end).toBe(0);
    expect(r.stdout.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(r.stdout.length).toBe(2002);
    expect(piDigits(10)).toBe('3.141592654');
  });
});

describe('background servers', () => {
  it('a server started with & listens while the script keeps going', () => {
    const r = runContainer(
      'python:3.12',
      { command: ['sh', '-c', 'python -m http.server 9000 & while true; do echo alive; sleep 10; done'] },
      { maxSteps: 6 },
    );
    expect(r.stdout).toBe('alive\nalive\nalive\n');
    expect(r.process.listeningPorts()).toEqual([9000]);
    const res = r.process.http({ port: 9000, path: '/' });
    expect(res.kind === 'response' && res.status).toBe(200);
  });
});
