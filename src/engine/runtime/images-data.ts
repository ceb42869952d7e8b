/**
 * The image catalogue, as data. Every image the simulated registry knows is described here: which tags
 * exist, how big each is (pull time derives from it), its configuration (ENTRYPOINT, CMD, ENV, ports),
 * which executables it ships and what each executable prints and does over time.
 *
 * Why data and not code: learners meet a few dozen images in tutorials, and what makes the simulator
 * feel real is their exact log lines, exit codes and HTTP answers. Keeping those in one declarative
 * table means adding an image, a tag or a log line never touches the interpreter (process.ts), and a
 * reviewer can check a line against the real image without reading control flow.
 *
 * Templates: strings may contain `{name}` or `{name|fallback}` placeholders, filled when the line is
 * emitted. Names: `version` and other tag/app vars, `env.NAME`, `opt.NAME` (parsed command-line
 * options), `arg.N` (positional), `hostname`, `podIP`, `worker` (inside `each: 'worker'`), `time:FMT`
 * (simulated clock, formats listed in process.ts), and for HTTP `remote`, `method`, `path`, `status`,
 * `bytes`, `ua`, `host`, `query.NAME`, `elapsed`. Anything not of that shape (JSON, `${VAR}`) is literal.
 *
 * Tags and sizes are a snapshot of the real registries (late 2025); sizes are compressed linux/amd64
 * megabytes as the registry reports them.
 */

export type Stream = 'stdout' | 'stderr';
export type SignalName = 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGWINCH' | 'SIGUSR1';

/** A guard on a timeline entry or an alternative ending. All given fields must hold. */
export interface Condition {
  /** Environment variable set and non-empty. */
  env?: string;
  /** Environment variable unset or empty. */
  notEnv?: string;
  /** Environment variable equal to a value: `NAME=value`. */
  envIs?: string;
  /** Command-line option given (by variable name). */
  opt?: string;
  notOpt?: string;
  /** `[variable, substring]`: the option's value contains the substring. */
  optContains?: [string, string];
  notOptContains?: [string, string];
  /** The program got arguments beyond its name. */
  args?: boolean;
}

/** One step of a program's output timeline. */
export type TimelineEntry =
  | { out: string; when?: Condition; each?: 'worker' }
  | { err: string; when?: Condition; each?: 'worker' }
  | { sleep: number; when?: Condition }
  | { group: TimelineEntry[]; when?: Condition; each?: 'worker' };

export interface OptionData {
  /** Spellings: `--port`, `-p`. `--port=1` and `-text=x` forms are accepted too. */
  names: string[];
  /** Variable the value lands in (`opt.NAME` in templates). */
  var: string;
  /** Whether the option takes a value (otherwise it is a boolean flag set to "true"). */
  value?: boolean;
}

/** A flag that short-circuits the program, such as `--version`. */
export interface ActionData {
  flags: string[];
  timeline: TimelineEntry[];
  exit: number;
}

/** An environment requirement checked before start-up: if none of `anyOf` holds, print and exit. */
export interface RequirementData {
  /** `NAME` (set, non-empty) or `NAME=value`. */
  anyOf: string[];
  timeline: TimelineEntry[];
  exit: number;
  /** Skip the check when this holds. */
  unless?: Condition;
}

/** How a server answers HTTP. */
export type HttpData =
  | {
      kind: 'static';
      /** Document root, read from the container's file system (so mounted volumes are served). */
      root: string;
      index: string;
      headers?: Record<string, string>;
      contentType?: string;
      notFound: string;
      /** Access-log line written per request. */
      accessLog?: { stream: Stream; line: string };
    }
  | {
      kind: 'routes';
      routes: HttpRouteData[];
      /** Used when no route matches; absent means 404 with `404 page not found` (Go's default). */
      fallback?: HttpRouteData;
      headers?: Record<string, string>;
      accessLog?: { stream: Stream; line: string };
    }
  /** A TCP server that does not speak HTTP (redis, postgres): the connection is closed. */
  | { kind: 'none'; log?: { stream: Stream; line: string } };

export interface HttpRouteData {
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  status?: number;
  body: string;
  contentType?: string;
  /** After this many ms since start, answer with `then` instead (agnhost liveness). */
  after?: { ms: number; status: number; body: string };
}

/** What a program does once its start-up timeline is done. */
export type AfterData =
  | { kind: 'serve'; ports: string[]; http: HttpData }
  | { kind: 'exit'; code: number }
  | { kind: 'block' }
  /** An entrypoint wrapper (docker-entrypoint.sh): replaces itself with its arguments (`exec "$@"`). */
  | { kind: 'exec-args' };

export interface SignalData {
  timeline: TimelineEntry[];
  exit: number;
}

/** A described program: an application binary, a client tool or an entrypoint wrapper script. */
export interface AppData {
  options?: OptionData[];
  /** Default values for template variables (options fall back to these). */
  vars?: Record<string, string>;
  /** First positional argument selects a subcommand (`agnhost netexec`, `redis-cli ping`). */
  subcommands?: Record<string, AppData>;
  /** Used when subcommands exist but the first argument is none of them. */
  unknownSubcommand?: { timeline: TimelineEntry[]; exit: number };
  actions?: ActionData[];
  /** Output before the requirements are checked (mysql's entrypoint notes). */
  preamble?: TimelineEntry[];
  requires?: RequirementData[];
  startup?: TimelineEntry[];
  then: AfterData;
  /** Endings chosen instead of `then` when their condition holds (nginx without `daemon off;`). */
  alternatives?: { when: Condition; then: AfterData }[];
  /** Signal handlers; a signal without one is ignored, because the program runs as PID 1. */
  signals?: Partial<Record<SignalName, SignalData>>;
  /** Entrypoint wrappers: `set -- <program> "$@"` when $1 starts with `-` (postgres, redis). */
  prependWhenOption?: string;
  /** Entrypoint wrappers: also prepend `prependWhenOption` when $1 ends with this (redis: `.conf`). */
  prependWhenSuffix?: string;
  /** Entrypoint wrappers: prepend when $1 is not an executable on PATH (node's entrypoint). */
  prependWhenNotCommand?: string;
  /** Entrypoint wrappers: the set-up (requires, startup) only runs when $1 is one of these. */
  setupFor?: string[];
  /** A client that needs a server in the same container (redis-cli, pg_isready). */
  connects?: { port: string; refused: TimelineEntry[]; exit: number };
  /** The program is a language runtime: `-c`/`-e` code and script files run on a small interpreter. */
  language?: LanguageData;
  /** stdout is block-buffered when it is not a terminal (Python), unless this env var is set. */
  bufferedStdoutUnlessEnv?: string;
}

export interface LanguageData {
  kind: 'python' | 'node' | 'perl';
  /** Flag that takes inline code (`-c`, `-e`). */
  codeFlags: string[];
  /** A script file that does not exist. */
  missingScript: { timeline: TimelineEntry[]; exit: number };
  /** No code and no script: the REPL reads stdin, which is empty in a container, and exits. */
  noInput: { timeline: TimelineEntry[]; exit: number };
  /** `-m http.server` and similar modules run as apps. */
  modules?: Record<string, AppData>;
}

/** An executable inside an image. */
export type ProgramData =
  | { kind: 'shell'; flavour: ShellFlavour }
  /** A standard utility simulated by the shell interpreter (echo, sleep, cat, wget...). */
  | { kind: 'util'; name: string }
  | { kind: 'app'; app: AppData }
  /** Present in the real image but not simulated here. */
  | { kind: 'unsimulated' };

export type ShellFlavour = 'ash' | 'dash' | 'bash';

/** How the utilities of a base behave where implementations differ (busybox vs GNU/bind). */
export type UtilFlavour = 'busybox' | 'gnu';

export interface BaseOsData {
  /** Where the utilities live (default /bin and /usr/bin; the busybox image has only /bin). */
  utilDirs?: string[];
  /** What /bin/sh is; absent for images without a shell. */
  sh?: ShellFlavour;
  bash?: boolean;
  flavour: UtilFlavour;
  /** Simulated utilities on PATH (also reachable as /bin/NAME and /usr/bin/NAME). */
  utils: string[];
  /** Real binaries of the base we do not simulate (so they are "present", not "not found"). */
  unsimulated?: string[];
  files?: Record<string, string>;
  dirs?: string[];
  env: Record<string, string>;
}

export interface ImageConfigData {
  base: string;
  entrypoint: string[];
  cmd: string[];
  env?: Record<string, string>;
  workingDir?: string;
  user?: string;
  /** EXPOSE in the Dockerfile. */
  exposedPorts?: number[];
  /** STOPSIGNAL; containerd's CRI uses it when the kubelet stops the container. */
  stopSignal?: SignalName;
  /** Image-specific executables by absolute path (added to the base's). */
  programs?: Record<string, ProgramData>;
  /** Extra base utilities this image installs (curl in nginx, wget in node). */
  extraUtils?: string[];
  files?: Record<string, string>;
  dirs?: string[];
}

export interface TagGroupData {
  /** Tags that point at the same image; the first is canonical (its digest is the group's). */
  tags: string[];
  /** Key into the repository's `configs`. */
  config: string;
  sizeMB: number;
  /** Template variables for this tag (version strings, compiler banners...). */
  vars?: Record<string, string>;
}

export interface RepositoryData {
  registry: string;
  /** Path inside the registry: `library/nginx`, `e2e-test-images/agnhost`. */
  repository: string;
  configs: Record<string, ImageConfigData>;
  tags: TagGroupData[];
}

// ---------------------------------------------------------------------------------------------------
// Base operating systems

const STD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Utilities every shell-bearing base has, simulated by shell.ts. */
const CORE_UTILS = [
  'echo',
  'printf',
  'sleep',
  'cat',
  'env',
  'printenv',
  'date',
  'hostname',
  'ls',
  'touch',
  'rm',
  'mkdir',
  'head',
  'tail',
  'grep',
  'wc',
  'sort',
  'seq',
  'uname',
  'id',
  'whoami',
  'basename',
  'dirname',
  'tee',
  'true',
  'false',
  'test',
  '[',
  'expr',
  'yes',
  'pwd',
  'kill',
  'cp',
  'mv',
  'timeout',
  'uniq',
  'tr',
  'which',
];
const BUSYBOX_UTILS = [...CORE_UTILS, 'sh', 'ash', 'wget', 'nslookup', 'nc', 'ps'];
const BUSYBOX_UNSIMULATED = [
  'sed',
  'awk',
  'vi',
  'top',
  'find',
  'xargs',
  'cut',
  'du',
  'df',
  'mount',
  'netstat',
  'ping',
  'ifconfig',
  'ip',
  'traceroute',
  'telnet',
];
const GNU_UNSIMULATED = ['sed', 'awk', 'find', 'xargs', 'cut', 'du', 'df', 'mount', 'apt-get', 'apt', 'dpkg'];

const BASE_DIRS = [
  '/bin',
  '/dev',
  '/etc',
  '/home',
  '/proc',
  '/root',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
  '/usr/bin',
  '/usr/local/bin',
  '/var/log',
  '/var/run',
  '/run',
];

export const BASES: Record<string, BaseOsData> = {
  busybox: {
    utilDirs: ['/bin'],
    sh: 'ash',
    flavour: 'busybox',
    utils: BUSYBOX_UTILS,
    unsimulated: BUSYBOX_UNSIMULATED,
    dirs: BASE_DIRS,
    env: { PATH: STD_PATH },
  },
  alpine: {
    sh: 'ash',
    flavour: 'busybox',
    utils: BUSYBOX_UTILS,
    unsimulated: [...BUSYBOX_UNSIMULATED, 'apk'],
    dirs: BASE_DIRS,
    files: { '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nPRETTY_NAME="Alpine Linux"\n' },
    env: { PATH: STD_PATH },
  },
  debian: {
    sh: 'dash',
    bash: true,
    flavour: 'gnu',
    utils: [...CORE_UTILS, 'sh', 'bash'],
    unsimulated: GNU_UNSIMULATED,
    dirs: BASE_DIRS,
    files: {
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nID=debian\n',
    },
    env: { PATH: STD_PATH },
  },
  ubuntu: {
    sh: 'dash',
    bash: true,
    flavour: 'gnu',
    utils: [...CORE_UTILS, 'sh', 'bash', 'ps'],
    unsimulated: GNU_UNSIMULATED,
    dirs: BASE_DIRS,
    files: { '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nID=ubuntu\n' },
    env: { PATH: STD_PATH },
  },
  /** Oracle Linux 9 slim (the mysql images): /bin/sh is bash. */
  oraclelinux: {
    sh: 'bash',
    bash: true,
    flavour: 'gnu',
    utils: [...CORE_UTILS, 'sh', 'bash'],
    unsimulated: ['sed', 'awk', 'find', 'xargs', 'microdnf'],
    dirs: BASE_DIRS,
    env: { PATH: STD_PATH },
  },
  /** gcr.io/distroless: no shell, no utilities. `kubectl exec -- sh` fails here, as in reality. */
  distroless: {
    flavour: 'gnu',
    utils: [],
    dirs: ['/etc', '/tmp', '/var', '/dev', '/proc', '/sys'],
    env: { PATH: STD_PATH },
  },
  scratch: { flavour: 'gnu', utils: [], dirs: ['/dev', '/proc', '/sys', '/etc'], env: { PATH: STD_PATH } },
};

// ---------------------------------------------------------------------------------------------------
// Shared program descriptions

/** Go programs without a SIGTERM handler: the Go runtime cannot kill PID 1 with SIGTERM and exits 2. */
const GO_DEFAULT_SIGNALS: AppData['signals'] = {
  SIGTERM: { timeline: [], exit: 2 },
  SIGINT: { timeline: [], exit: 2 },
};

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_WELCOME_LEGACY = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_HTTP: HttpData = {
  kind: 'static',
  root: '/usr/share/nginx/html',
  index: 'index.html',
  headers: { Server: 'nginx/{version}' },
  contentType: 'text/html',
  notFound:
    '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/{version}</center>\r\n</body>\r\n</html>\r\n',
  accessLog: {
    stream: 'stdout',
    line: '{remote} - - [{time:clf}] "{method} {path} HTTP/1.1" {status} {bytes} "-" "{ua}" "-"',
  },
};

const NGINX_WORKER_EXIT: TimelineEntry[] = [
  { err: '{time:nginx} [notice] 1#1: signal 17 (SIGCHLD) received from {worker}', each: 'worker' },
  { err: '{time:nginx} [notice] 1#1: worker process {worker} exited with code 0', each: 'worker' },
  { err: '{time:nginx} [notice] 1#1: exit' },
];

function nginxBinary(logsNotices: boolean): AppData {
  return {
    options: [
      { names: ['-g'], var: 'directives', value: true },
      { names: ['-c'], var: 'conf', value: true },
    ],
    vars: { worker: '29' },
    actions: [
      { flags: ['-v'], timeline: [{ err: 'nginx version: nginx/{version}' }], exit: 0 },
      {
        flags: ['-t'],
        timeline: [
          { err: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok' },
          { err: 'nginx: configuration file /etc/nginx/nginx.conf test is successful' },
        ],
        exit: 0,
      },
    ],
    startup: logsNotices
      ? [
          { err: '{time:nginx} [notice] 1#1: using the "epoll" event method' },
          { err: '{time:nginx} [notice] 1#1: nginx/{version}' },
          { err: '{time:nginx} [notice] 1#1: built by gcc {gcc}' },
          { err: '{time:nginx} [notice] 1#1: OS: Linux {kernel}' },
          { err: '{time:nginx} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576' },
          { err: '{time:nginx} [notice] 1#1: start worker processes' },
          { err: '{time:nginx} [notice] 1#1: start worker process {worker}', each: 'worker' },
        ]
      : [],
    then: { kind: 'serve', ports: ['80'], http: NGINX_HTTP },
    // Without `daemon off;` nginx forks into the background and PID 1 exits 0: the container completes.
    alternatives: [
      { when: { notOptContains: ['directives', 'daemon off'] }, then: { kind: 'exit', code: 0 } },
    ],
    signals: logsNotices
      ? {
          SIGQUIT: {
            timeline: [
              { err: '{time:nginx} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down' },
              {
                each: 'worker',
                group: [
                  { err: '{time:nginx} [notice] {worker}#{worker}: gracefully shutting down' },
                  { err: '{time:nginx} [notice] {worker}#{worker}: exiting' },
                  { err: '{time:nginx} [notice] {worker}#{worker}: exit' },
                ],
              },
              ...NGINX_WORKER_EXIT,
            ],
            exit: 0,
          },
          SIGTERM: {
            timeline: [
              { err: '{time:nginx} [notice] 1#1: signal 15 (SIGTERM) received, exiting' },
              {
                each: 'worker',
                group: [
                  { err: '{time:nginx} [notice] {worker}#{worker}: exiting' },
                  { err: '{time:nginx} [notice] {worker}#{worker}: exit' },
                ],
              },
              ...NGINX_WORKER_EXIT,
            ],
            exit: 0,
          },
        }
      : { SIGQUIT: { timeline: [], exit: 0 }, SIGTERM: { timeline: [], exit: 0 } },
  };
}

function nginxEntrypoint(localResolvers: boolean): AppData {
  const lines: TimelineEntry[] = [
    {
      out: '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    },
    { out: '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/' },
    { out: '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh' },
    { out: '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf' },
    {
      out: '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    },
    ...(localResolvers
      ? [{ out: '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh' }]
      : []),
    { out: '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh' },
    { out: '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh' },
    { out: '/docker-entrypoint.sh: Configuration complete; ready for start up' },
  ];
  return {
    setupFor: ['nginx', 'nginx-debug'],
    startup: [{ group: lines, when: { notEnv: 'NGINX_ENTRYPOINT_QUIET_LOGS' } }],
    then: { kind: 'exec-args' },
  };
}

function nginxConfig(base: 'debian' | 'alpine', era: 'legacy' | 'classic' | 'modern'): ImageConfigData {
  const legacy = era === 'legacy';
  const welcome = legacy ? NGINX_WELCOME_LEGACY : NGINX_WELCOME;
  return {
    base,
    entrypoint: legacy ? [] : ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { NGINX_VERSION: '{version}' },
    exposedPorts: [80],
    stopSignal: legacy ? 'SIGTERM' : 'SIGQUIT',
    extraUtils: base === 'debian' ? ['curl'] : [],
    programs: {
      '/usr/sbin/nginx': { kind: 'app', app: nginxBinary(!legacy) },
      ...(legacy ? {} : { '/docker-entrypoint.sh': { kind: 'app', app: nginxEntrypoint(era === 'modern') } }),
    },
    files: {
      '/usr/share/nginx/html/index.html': welcome,
      '/usr/share/nginx/html/50x.html':
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
      '/etc/nginx/nginx.conf':
        'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n',
      '/etc/nginx/conf.d/default.conf':
        'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
    },
    dirs: [
      '/etc/nginx',
      '/etc/nginx/conf.d',
      '/usr/share/nginx/html',
      '/docker-entrypoint.d',
      '/var/cache/nginx',
    ],
  };
}

const GCC_BOOKWORM = '12.2.0 (Debian 12.2.0-14)';
const GCC_BOOKWORM_U1 = '12.2.0 (Debian 12.2.0-14+deb12u1) ';
const GCC_TRIXIE = '14.2.0 (Debian 14.2.0-19) ';

/** Tag groups `major.minor.0 .. major.minor.last` (the last also answers to `major.minor`). */
function patchSeries(
  minor: string,
  first: number,
  last: number,
  config: string,
  sizeMB: number,
  vars: (version: string) => Record<string, string>,
  options: { suffix?: string; lastAliases?: string[] } = {},
): TagGroupData[] {
  const suffix = options.suffix ?? '';
  const groups: TagGroupData[] = [];
  for (let p = first; p <= last; p++) {
    const version = `${minor}.${p}`;
    const tags = [version + suffix];
    if (p === last) tags.push(minor + suffix, ...(options.lastAliases ?? []));
    groups.push({
      tags,
      config,
      sizeMB: Math.round((sizeMB + (p - first) * 0.1) * 10) / 10,
      vars: { version, ...vars(version) },
    });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------
// Shells and small images

const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';

const HTTPD_HTTP: HttpData = {
  kind: 'static',
  root: '/usr/local/apache2/htdocs',
  index: 'index.html',
  headers: { Server: 'Apache/{version} (Unix)' },
  contentType: 'text/html',
  notFound:
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
  accessLog: {
    stream: 'stdout',
    line: '{remote} - - [{time:clf}] "{method} {path} HTTP/1.1" {status} {bytes}',
  },
};

const HTTPD_FQDN_WARNING =
  "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message";

const HTTPD_FOREGROUND: AppData = {
  startup: [
    { err: HTTPD_FQDN_WARNING },
    { err: HTTPD_FQDN_WARNING },
    {
      err: '[{time:httpd}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{version} (Unix) configured -- resuming normal operations',
    },
    { err: "[{time:httpd}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'" },
  ],
  then: { kind: 'serve', ports: ['80'], http: HTTPD_HTTP },
  signals: {
    SIGWINCH: {
      timeline: [
        {
          err: '[{time:httpd}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully',
        },
      ],
      exit: 0,
    },
    SIGTERM: {
      timeline: [
        { err: '[{time:httpd}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down' },
      ],
      exit: 0,
    },
  },
};

function httpdConfig(base: 'debian' | 'alpine'): ImageConfigData {
  return {
    base,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: { HTTPD_VERSION: '{version}', HTTPD_PREFIX: '/usr/local/apache2' },
    workingDir: '/usr/local/apache2',
    exposedPorts: [80],
    stopSignal: 'SIGWINCH',
    programs: {
      '/usr/local/bin/httpd-foreground': { kind: 'app', app: HTTPD_FOREGROUND },
      '/usr/local/apache2/bin/httpd': { kind: 'app', app: HTTPD_FOREGROUND },
    },
    files: { '/usr/local/apache2/htdocs/index.html': HTTPD_IT_WORKS },
    dirs: ['/usr/local/apache2', '/usr/local/apache2/htdocs', '/usr/local/apache2/conf'],
  };
}

// ---------------------------------------------------------------------------------------------------
// Redis

const REDIS_SERVER: AppData = {
  options: [
    { names: ['--port'], var: 'port', value: true },
    { names: ['--requirepass'], var: 'requirepass', value: true },
    { names: ['--appendonly'], var: 'appendonly', value: true },
    { names: ['--save'], var: 'save', value: true },
    { names: ['--loglevel'], var: 'loglevel', value: true },
    { names: ['--maxmemory'], var: 'maxmemory', value: true },
  ],
  vars: { port: '6379' },
  actions: [
    {
      flags: ['-v', '--version'],
      timeline: [
        {
          out: 'Redis server v={version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=b1e6e8f7c7b8a9d0',
        },
      ],
      exit: 0,
    },
  ],
  startup: [
    {
      out: "1:C {time:redis} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.",
    },
    { out: '1:C {time:redis} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo' },
    {
      out: '1:C {time:redis} * Redis version={version}, bits=64, commit=00000000, modified=0, pid=1, just started',
    },
    {
      out: '1:C {time:redis} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
      when: { args: false },
    },
    { out: '1:C {time:redis} * Configuration loaded', when: { args: true } },
    { out: '1:M {time:redis} * monotonic clock: POSIX clock_gettime' },
    { out: '1:M {time:redis} * Running mode=standalone, port={opt.port}.' },
    { out: '1:M {time:redis} * Server initialized' },
    { out: '1:M {time:redis} * Ready to accept connections tcp' },
  ],
  then: {
    kind: 'serve',
    ports: ['{opt.port}'],
    http: {
      kind: 'none',
      log: {
        stream: 'stdout',
        line: '1:M {time:redis} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from {remoteaddr} aborted.',
      },
    },
  },
  signals: {
    SIGTERM: {
      timeline: [
        { out: '1:signal-handler ({time:unix}) Received SIGTERM scheduling shutdown...' },
        { out: '1:M {time:redis} * User requested shutdown...' },
        { out: '1:M {time:redis} * Saving the final RDB snapshot before exiting.' },
        { out: '1:M {time:redis} * DB saved on disk' },
        { out: '1:M {time:redis} # Redis is now ready to exit, bye bye...' },
      ],
      exit: 0,
    },
  },
};

const REDIS_CLI: AppData = {
  options: [
    { names: ['-h'], var: 'host', value: true },
    { names: ['-p'], var: 'port', value: true },
    { names: ['-a'], var: 'password', value: true },
  ],
  vars: { port: '6379' },
  connects: {
    port: '{opt.port}',
    refused: [{ out: 'Could not connect to Redis at 127.0.0.1:{opt.port}: Connection refused' }],
    exit: 1,
  },
  subcommands: {
    ping: { startup: [{ out: 'PONG' }], then: { kind: 'exit', code: 0 } },
    set: { startup: [{ out: 'OK' }], then: { kind: 'exit', code: 0 } },
    info: {
      startup: [{ out: '# Server\nredis_version:{version}\nredis_mode:standalone\ntcp_port:{opt.port}\n' }],
      then: { kind: 'exit', code: 0 },
    },
  },
  unknownSubcommand: { timeline: [], exit: 0 },
  then: { kind: 'exit', code: 0 },
};

const REDIS_ENTRYPOINT: AppData = {
  prependWhenOption: 'redis-server',
  prependWhenSuffix: '.conf',
  then: { kind: 'exec-args' },
};

function redisConfig(base: 'debian' | 'alpine'): ImageConfigData {
  return {
    base,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: { REDIS_VERSION: '{version}' },
    workingDir: '/data',
    exposedPorts: [6379],
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': { kind: 'app', app: REDIS_ENTRYPOINT },
      '/usr/local/bin/redis-server': { kind: 'app', app: REDIS_SERVER },
      '/usr/local/bin/redis-cli': { kind: 'app', app: REDIS_CLI },
    },
    dirs: ['/data'],
  };
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

const PG_PASSWORD_ERROR: TimelineEntry[] = [
  { err: 'Error: Database is uninitialized and superuser password is not specified.' },
  { err: '       You must specify POSTGRES_PASSWORD to a non-empty value for the' },
  { err: '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".' },
  { err: '' },
  { err: '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all' },
  { err: '       connections without a password. This is *not* recommended.' },
  { err: '' },
  { err: '       See PostgreSQL documentation about "trust":' },
  { err: '       https://www.postgresql.org/docs/current/auth-trust.html' },
];

const PG_INITDB: TimelineEntry[] = [
  { out: 'The files belonging to this database system will be owned by user "postgres".' },
  { out: 'This user must also own the server process.' },
  { out: '' },
  { out: 'The database cluster will be initialized with locale "en_US.utf8".' },
  { out: 'The default database encoding has accordingly been set to "UTF8".' },
  { out: 'The default text search configuration will be set to "english".' },
  { out: '' },
  { out: 'Data page checksums are disabled.' },
  { out: '' },
  { out: 'fixing permissions on existing directory {pgdata} ... ok' },
  { out: 'creating subdirectories ... ok' },
  { out: 'selecting dynamic shared memory implementation ... posix' },
  { out: 'selecting default "max_connections" ... 100' },
  { out: 'selecting default "shared_buffers" ... 128MB' },
  { out: 'selecting default time zone ... Etc/UTC' },
  { out: 'creating configuration files ... ok' },
  { sleep: 400 },
  { out: 'running bootstrap script ... ok' },
  { sleep: 800 },
  { out: 'performing post-bootstrap initialization ... ok' },
  { out: 'syncing data to disk ... ok' },
  { out: '' },
  { out: '' },
  { out: 'Success. You can now start the database server using:' },
  { out: '' },
  { out: '    pg_ctl -D {pgdata} -l logfile start' },
  { out: '' },
  { err: 'initdb: warning: enabling "trust" authentication for local connections' },
  {
    err: 'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.',
  },
  { out: 'waiting for server to start....{time:pg} [48] LOG:  starting {pgbanner}' },
  { out: '{time:pg} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"' },
  { out: '{time:pg} [51] LOG:  database system was shut down at {time:pg}' },
  { out: '{time:pg} [48] LOG:  database system is ready to accept connections' },
  { out: ' done' },
  { out: 'server started' },
  { out: '' },
  { out: '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*' },
  { out: '' },
  { out: 'waiting for server to shut down....{time:pg} [48] LOG:  received fast shutdown request' },
  { out: '{time:pg} [48] LOG:  aborting any active transactions' },
  {
    out: '{time:pg} [48] LOG:  background worker "logical replication launcher" (PID 54) exited with exit code 1',
  },
  { out: '{time:pg} [49] LOG:  shutting down' },
  { out: '{time:pg} [48] LOG:  database system is shut down' },
  { sleep: 300 },
  { out: ' done' },
  { out: 'server stopped' },
  { out: '' },
  { out: 'PostgreSQL init process complete; ready for start up.' },
  { out: '' },
];

const PG_ENTRYPOINT: AppData = {
  prependWhenOption: 'postgres',
  setupFor: ['postgres'],
  vars: { pgdata: '/var/lib/postgresql/data' },
  requires: [
    { anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD=trust'], timeline: PG_PASSWORD_ERROR, exit: 1 },
  ],
  startup: PG_INITDB,
  then: { kind: 'exec-args' },
};

const PG_SERVER: AppData = {
  options: [
    { names: ['-c'], var: 'setting', value: true },
    { names: ['-p'], var: 'port', value: true },
  ],
  vars: { port: '5432' },
  actions: [{ flags: ['--version', '-V'], timeline: [{ out: 'postgres (PostgreSQL) {version}' }], exit: 0 }],
  startup: [
    { err: '{time:pg} [1] LOG:  starting {pgbanner}' },
    { err: '{time:pg} [1] LOG:  listening on IPv4 address "0.0.0.0", port {opt.port}' },
    { err: '{time:pg} [1] LOG:  listening on IPv6 address "::", port {opt.port}' },
    { err: '{time:pg} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.{opt.port}"' },
    { err: '{time:pg} [62] LOG:  database system was shut down at {time:pg}' },
    { err: '{time:pg} [1] LOG:  database system is ready to accept connections' },
  ],
  then: { kind: 'serve', ports: ['{opt.port}'], http: { kind: 'none' } },
  signals: {
    SIGINT: {
      timeline: [
        { err: '{time:pg} [1] LOG:  received fast shutdown request' },
        { err: '{time:pg} [1] LOG:  aborting any active transactions' },
        {
          err: '{time:pg} [1] LOG:  background worker "logical replication launcher" (PID 65) exited with exit code 1',
        },
        { err: '{time:pg} [60] LOG:  shutting down' },
        { err: '{time:pg} [1] LOG:  database system is shut down' },
      ],
      exit: 0,
    },
    SIGTERM: {
      timeline: [
        { err: '{time:pg} [1] LOG:  received smart shutdown request' },
        {
          err: '{time:pg} [1] LOG:  background worker "logical replication launcher" (PID 65) exited with exit code 1',
        },
        { err: '{time:pg} [60] LOG:  shutting down' },
        { err: '{time:pg} [1] LOG:  database system is shut down' },
      ],
      exit: 0,
    },
  },
};

const PG_ISREADY: AppData = {
  options: [
    { names: ['-U'], var: 'user', value: true },
    { names: ['-d'], var: 'db', value: true },
    { names: ['-h'], var: 'host', value: true },
    { names: ['-p'], var: 'port', value: true },
  ],
  vars: { port: '5432' },
  connects: {
    port: '{opt.port}',
    refused: [{ out: '/var/run/postgresql:{opt.port} - no response' }],
    exit: 2,
  },
  startup: [{ out: '/var/run/postgresql:{opt.port} - accepting connections' }],
  then: { kind: 'exit', code: 0 },
};

function postgresConfig(base: 'debian' | 'alpine'): ImageConfigData {
  return {
    base,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: { PG_MAJOR: '{major}', PG_VERSION: '{version}', PGDATA: '{pgdata}', LANG: 'en_US.utf8' },
    exposedPorts: [5432],
    stopSignal: 'SIGINT',
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': { kind: 'app', app: PG_ENTRYPOINT },
      '/usr/lib/postgresql/bin/postgres': { kind: 'app', app: PG_SERVER },
      '/usr/local/bin/postgres': { kind: 'app', app: PG_SERVER },
      '/usr/local/bin/pg_isready': { kind: 'app', app: PG_ISREADY },
      '/usr/local/bin/psql': { kind: 'unsimulated' },
    },
    dirs: ['/var/lib/postgresql', '/var/lib/postgresql/data', '/docker-entrypoint-initdb.d'],
  };
}

/** Version banner and data directory; PostgreSQL 18 images moved PGDATA to /var/lib/postgresql/18/docker. */
function pgVars(build: 'debian' | 'alpine') {
  return (version: string): Record<string, string> => {
    const major = version.split('.')[0]!;
    const trixie = Number(major) >= 18;
    return {
      major,
      pgdata: trixie ? `/var/lib/postgresql/${major}/docker` : '/var/lib/postgresql/data',
      pgbanner:
        build === 'debian'
          ? trixie
            ? `PostgreSQL ${version} (Debian ${version}-1.pgdg13+3) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`
            : `PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit`
          : `PostgreSQL ${version} on x86_64-pc-linux-musl, compiled by gcc (Alpine 14.2.0) 14.2.0, 64-bit`,
    };
  };
}

// ---------------------------------------------------------------------------------------------------
// MySQL

const MYSQL_ENTRY_NOTES: TimelineEntry[] = [
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Entrypoint script for MySQL Server {pkgversion} started.' },
  { out: "{time:rfc3339s} [Note] [Entrypoint]: Switching to dedicated user 'mysql'" },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Entrypoint script for MySQL Server {pkgversion} started.' },
];

const MYSQL_ENTRYPOINT: AppData = {
  prependWhenOption: 'mysqld',
  setupFor: ['mysqld'],
  preamble: MYSQL_ENTRY_NOTES,
  requires: [
    {
      anyOf: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
      timeline: [
        {
          err: '{time:rfc3339s} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of the following as an environment variable:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD',
        },
      ],
      exit: 1,
    },
  ],
  then: { kind: 'exec-args' },
};

const MYSQL_INIT: TimelineEntry[] = [
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Initializing database files' },
  { sleep: 6000 },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Database files initialized' },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Starting temporary server' },
  { sleep: 2000 },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Temporary server started.' },
  {
    out: '{time:rfc3339s} [Note] [Entrypoint]: Creating database {env.MYSQL_DATABASE}',
    when: { env: 'MYSQL_DATABASE' },
  },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Creating user {env.MYSQL_USER}', when: { env: 'MYSQL_USER' } },
  { out: '' },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Stopping temporary server' },
  { sleep: 1500 },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: Temporary server stopped' },
  { out: '' },
  { out: '{time:rfc3339s} [Note] [Entrypoint]: MySQL init process done. Ready for start up.' },
  { out: '' },
];

const MYSQLD: AppData = {
  actions: [
    {
      flags: ['--version', '-V'],
      timeline: [
        { out: '/usr/sbin/mysqld  Ver {version} for Linux on x86_64 (MySQL Community Server - GPL)' },
      ],
      exit: 0,
    },
  ],
  startup: [
    ...MYSQL_INIT,
    {
      err: '{time:mysql} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {version}) starting as process 1',
    },
    { err: '{time:mysql} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.' },
    { sleep: 800 },
    { err: '{time:mysql} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.' },
    {
      err: "{time:mysql} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock",
    },
    {
      err: "{time:mysql} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
    },
  ],
  then: { kind: 'serve', ports: ['3306', '33060'], http: { kind: 'none' } },
  signals: {
    SIGTERM: {
      timeline: [
        {
          err: '{time:mysql} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: {version}).',
        },
        { sleep: 1000 },
        {
          err: '{time:mysql} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {version})  MySQL Community Server - GPL.',
        },
      ],
      exit: 0,
    },
  },
};

const MYSQLADMIN: AppData = {
  options: [
    { names: ['-h'], var: 'host', value: true },
    { names: ['-u'], var: 'user', value: true },
    { names: ['-p'], var: 'password', value: true },
  ],
  connects: {
    port: '3306',
    refused: [
      { err: "mysqladmin: connect to server at 'localhost' failed" },
      {
        err: "error: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'",
      },
      { err: "Check that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!" },
    ],
    exit: 1,
  },
  subcommands: { ping: { startup: [{ out: 'mysqld is alive' }], then: { kind: 'exit', code: 0 } } },
  unknownSubcommand: { timeline: [], exit: 0 },
  then: { kind: 'exit', code: 0 },
};

const MYSQL_CONFIG: ImageConfigData = {
  base: 'oraclelinux',
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['mysqld'],
  env: { MYSQL_MAJOR: '{major}', MYSQL_VERSION: '{pkgversion}' },
  exposedPorts: [3306, 33060],
  programs: {
    '/usr/local/bin/docker-entrypoint.sh': { kind: 'app', app: MYSQL_ENTRYPOINT },
    '/usr/sbin/mysqld': { kind: 'app', app: MYSQLD },
    '/usr/bin/mysqladmin': { kind: 'app', app: MYSQLADMIN },
    '/usr/bin/mysql': { kind: 'unsimulated' },
  },
  dirs: ['/var/lib/mysql', '/docker-entrypoint-initdb.d'],
};

// ---------------------------------------------------------------------------------------------------
// MongoDB

const MONGO_JSON = (c: string, id: number, ctx: string, msg: string, attr = '{}') =>
  `{"t":{"$date":"{time:iso-ms}"},"s":"I",  "c":"${c}", "id":${id}, "ctx":"${ctx}","msg":"${msg}","attr":${attr}}`;

const MONGOD: AppData = {
  options: [
    { names: ['--bind_ip_all'], var: 'bindAll' },
    { names: ['--port'], var: 'port', value: true },
    { names: ['--replSet'], var: 'replSet', value: true },
  ],
  vars: { port: '27017' },
  actions: [{ flags: ['--version'], timeline: [{ out: 'db version v{version}' }], exit: 0 }],
  startup: [
    {
      out: MONGO_JSON(
        'CONTROL',
        23285,
        'main',
        "Automatically disabling TLS 1.0 and TLS 1.1, to force-enable TLS 1.1 specify --sslDisabledProtocols 'TLS1_0'; to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'",
      ),
    },
    {
      out: MONGO_JSON(
        'NETWORK',
        4648601,
        'main',
        'Implicit TCP FastOpen unavailable. If TCP FastOpen is required, set at least one of the related parameters',
        '{"relatedParameters":["tcpFastOpenServer","tcpFastOpenClient","tcpFastOpenQueueSize"]}',
      ),
    },
    {
      out: MONGO_JSON(
        'CONTROL',
        4615611,
        'initandlisten',
        'MongoDB starting',
        '{"pid":1,"port":{opt.port},"dbPath":"/data/db","architecture":"64-bit","host":"{hostname}"}',
      ),
    },
    {
      out: MONGO_JSON(
        'CONTROL',
        23403,
        'initandlisten',
        'Build Info',
        '{"buildInfo":{"version":"{version}"}}',
      ),
    },
    { sleep: 1500 },
    { out: MONGO_JSON('NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0:{opt.port}"}') },
    {
      out: MONGO_JSON(
        'NETWORK',
        23016,
        'listener',
        'Waiting for connections',
        '{"port":{opt.port},"ssl":"off"}',
      ),
    },
  ],
  then: { kind: 'serve', ports: ['{opt.port}'], http: { kind: 'none' } },
  signals: {
    SIGTERM: {
      timeline: [
        {
          out: MONGO_JSON(
            'CONTROL',
            23377,
            'SignalHandler',
            'Received signal',
            '{"signal":15,"error":"Terminated"}',
          ),
        },
        {
          out: MONGO_JSON(
            'CONTROL',
            23378,
            'SignalHandler',
            'Signal was sent by kill(2)',
            '{"pid":0,"uid":0}',
          ),
        },
        { out: MONGO_JSON('CONTROL', 23381, 'SignalHandler', 'will terminate after current cmd ends') },
        { sleep: 500 },
        { out: MONGO_JSON('CONTROL', 20565, 'SignalHandler', 'Now exiting') },
        { out: MONGO_JSON('CONTROL', 23138, 'SignalHandler', 'Shutting down', '{"exitCode":0}') },
      ],
      exit: 0,
    },
  },
};

const MONGO_CONFIG: ImageConfigData = {
  base: 'ubuntu',
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['mongod'],
  env: { MONGO_VERSION: '{version}' },
  exposedPorts: [27017],
  programs: {
    '/usr/local/bin/docker-entrypoint.sh': {
      kind: 'app',
      app: { prependWhenOption: 'mongod', then: { kind: 'exec-args' } },
    },
    '/usr/bin/mongod': { kind: 'app', app: MONGOD },
    '/usr/bin/mongosh': { kind: 'unsimulated' },
  },
  dirs: ['/data', '/data/db', '/data/configdb'],
};

// ---------------------------------------------------------------------------------------------------
// Language runtimes

const PYTHON_HTTP_SERVER: AppData = {
  options: [
    { names: ['--bind', '-b'], var: 'bind', value: true },
    { names: ['--directory', '-d'], var: 'dir', value: true },
  ],
  vars: { port: '8000', bind: '0.0.0.0' },
  bufferedStdoutUnlessEnv: 'PYTHONUNBUFFERED',
  startup: [{ out: 'Serving HTTP on {opt.bind} port {arg.0|8000} (http://{opt.bind}:{arg.0|8000}/) ...' }],
  then: {
    kind: 'serve',
    ports: ['{arg.0|8000}'],
    http: {
      kind: 'routes',
      headers: { Server: 'SimpleHTTP/0.6 Python/{version}' },
      routes: [
        {
          path: '/',
          body: '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n',
          contentType: 'text/html; charset=utf-8',
        },
      ],
      fallback: {
        path: '*',
        status: 404,
        body: '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n',
        contentType: 'text/html;charset=utf-8',
      },
      accessLog: {
        stream: 'stderr',
        line: '{remote} - - [{time:python}] "{method} {path} HTTP/1.1" {status} -',
      },
    },
  },
};

function pythonApp(): AppData {
  return {
    actions: [{ flags: ['--version', '-V'], timeline: [{ out: 'Python {version}' }], exit: 0 }],
    language: {
      kind: 'python',
      codeFlags: ['-c'],
      missingScript: {
        timeline: [{ err: "{program}: can't open file '{script}': [Errno 2] No such file or directory" }],
        exit: 2,
      },
      noInput: { timeline: [], exit: 0 },
      modules: { 'http.server': PYTHON_HTTP_SERVER },
    },
    bufferedStdoutUnlessEnv: 'PYTHONUNBUFFERED',
    then: { kind: 'exit', code: 0 },
  };
}

function pythonConfig(base: 'debian' | 'alpine', slim: boolean): ImageConfigData {
  const py = { kind: 'app', app: pythonApp() } as const;
  return {
    base,
    entrypoint: [],
    cmd: ['python3'],
    env: { LANG: 'C.UTF-8', PYTHON_VERSION: '{version}' },
    extraUtils: base === 'debian' && !slim ? ['curl', 'wget'] : [],
    programs: {
      '/usr/local/bin/python3': py,
      '/usr/local/bin/python': py,
      '/usr/local/bin/pip': { kind: 'unsimulated' },
    },
  };
}

const NODE_MISSING_MODULE: TimelineEntry[] = [
  { err: 'node:internal/modules/cjs/loader:1386' },
  { err: '  throw err;' },
  { err: '  ^' },
  { err: '' },
  { err: "Error: Cannot find module '{script}'" },
  { err: '    at Function._resolveFilename (node:internal/modules/cjs/loader:1383:15)' },
  { err: '    at defaultResolveImpl (node:internal/modules/cjs/loader:1025:19)' },
  { err: '    at Function._load (node:internal/modules/cjs/loader:1192:37)' },
  { err: '    at node:internal/main/run_main_module:36:49 {' },
  { err: "  code: 'MODULE_NOT_FOUND'," },
  { err: '  requireStack: []' },
  { err: '}' },
  { err: '' },
  { err: 'Node.js v{version}' },
];

const NODE_APP: AppData = {
  actions: [{ flags: ['--version', '-v'], timeline: [{ out: 'v{version}' }], exit: 0 }],
  language: {
    kind: 'node',
    codeFlags: ['-e', '--eval'],
    missingScript: { timeline: NODE_MISSING_MODULE, exit: 1 },
    noInput: { timeline: [], exit: 0 },
  },
  then: { kind: 'exit', code: 0 },
};

function nodeConfig(base: 'debian' | 'alpine', slim: boolean): ImageConfigData {
  return {
    base,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    env: { NODE_VERSION: '{version}', YARN_VERSION: '1.22.22' },
    extraUtils: base === 'debian' && !slim ? ['curl', 'wget'] : [],
    programs: {
      '/usr/local/bin/docker-entrypoint.sh': {
        kind: 'app',
        app: { prependWhenNotCommand: 'node', then: { kind: 'exec-args' } },
      },
      '/usr/local/bin/node': { kind: 'app', app: NODE_APP },
      '/usr/local/bin/npm': { kind: 'unsimulated' },
      '/usr/local/bin/npx': { kind: 'unsimulated' },
      '/usr/local/bin/yarn': { kind: 'unsimulated' },
    },
  };
}

const PERL_APP: AppData = {
  actions: [
    {
      flags: ['--version', '-v'],
      timeline: [
        {
          out: '\nThis is perl 5, version {minor}, subversion {patch} (v{version}) built for x86_64-linux-gnu',
        },
      ],
      exit: 0,
    },
  ],
  language: {
    kind: 'perl',
    codeFlags: ['-e', '-le', '-wle', '-E'],
    missingScript: {
      timeline: [{ err: 'Can\'t open perl script "{script}": No such file or directory' }],
      exit: 2,
    },
    noInput: { timeline: [], exit: 0 },
  },
  then: { kind: 'exit', code: 0 },
};

// ---------------------------------------------------------------------------------------------------
// Small HTTP apps used in tutorials

const HTTP_ECHO: AppData = {
  options: [
    { names: ['-text'], var: 'text', value: true },
    { names: ['-listen'], var: 'listen', value: true },
  ],
  vars: { listen: ':5678' },
  actions: [{ flags: ['-version'], timeline: [{ err: 'http-echo v{version}' }], exit: 0 }],
  requires: [
    {
      anyOf: ['ECHO_TEXT'],
      unless: { opt: 'text' },
      timeline: [{ err: 'Missing -text option OR ENV var TEXT is empty!' }],
      exit: 127,
    },
  ],
  startup: [{ err: '{time:go} [INFO] server is listening on {opt.listen}' }],
  then: {
    kind: 'serve',
    ports: ['{opt.listen}'],
    http: {
      kind: 'routes',
      headers: { 'X-App-Name': 'http-echo', 'X-App-Version': '{version}' },
      routes: [{ path: '/health', body: '{"status":"ok"}\n', contentType: 'application/json' }],
      fallback: { path: '*', body: '{opt.text|env.ECHO_TEXT}\n', contentType: 'text/plain; charset=utf-8' },
      accessLog: {
        stream: 'stdout',
        line: '{time:go} {host} {remoteaddr} "{method} {path} HTTP/1.1" {status} {bytes} "{ua}" 21.4µs',
      },
    },
  },
  signals: {
    SIGINT: { timeline: [{ err: '{time:go} [INFO] received interrupt, shutting down...' }], exit: 2 },
    SIGTERM: { timeline: [], exit: 2 },
  },
};

const HELLO_APP: AppData = {
  vars: { port: '8080' },
  startup: [{ err: '{time:go} Server listening on port {env.PORT|8080}' }],
  then: {
    kind: 'serve',
    ports: ['{env.PORT|8080}'],
    http: {
      kind: 'routes',
      routes: [],
      fallback: {
        path: '*',
        body: 'Hello, world!\nVersion: {appversion}\nHostname: {hostname}\n',
        contentType: 'text/plain; charset=utf-8',
      },
      accessLog: { stream: 'stderr', line: '{time:go} Serving request: {path}' },
    },
  },
  signals: GO_DEFAULT_SIGNALS,
};

const ECHOSERVER_BODY = `

Hostname: {hostname}

Pod Information:
\t-no pod information available-

Server values:
\tserver_version=nginx: 1.13.3 - lua: 10008

Request Information:
\tclient_address={remoteip}
\tmethod={method}
\treal path={path}
\tquery=
\trequest_version=1.1
\trequest_scheme=http
\trequest_uri=http://{host}:8080{path}

Request Headers:
\taccept=*/*
\thost={host}
\tuser-agent={ua}

Request Body:
\t-no body in request-

`;

const ECHOSERVER: AppData = {
  startup: [
    { out: 'Generating self-signed cert' },
    { out: 'Generating a 2048 bit RSA private key' },
    { out: "writing new private key to '/certs/privateKey.key'" },
    { out: '-----' },
    { out: 'Starting nginx' },
  ],
  then: {
    kind: 'serve',
    ports: ['8080', '8443'],
    http: {
      kind: 'routes',
      routes: [],
      fallback: { path: '*', body: ECHOSERVER_BODY, contentType: 'text/plain' },
      accessLog: {
        stream: 'stdout',
        line: '{remoteip} - - [{time:clf}] "{method} {path} HTTP/1.1" {status} {bytes} "-" "{ua}"',
      },
    },
  },
  signals: { SIGTERM: { timeline: [], exit: 0 } },
};

const HPA_EXAMPLE: AppData = {
  startup: [
    {
      err: "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
    },
    {
      err: "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using {podIP}. Set the 'ServerName' directive globally to suppress this message",
    },
    {
      err: '[{time:httpd}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations',
    },
    { err: "[{time:httpd}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'" },
  ],
  then: {
    kind: 'serve',
    ports: ['80'],
    http: {
      kind: 'routes',
      routes: [],
      fallback: { path: '*', body: 'OK!', contentType: 'text/html; charset=UTF-8' },
      accessLog: {
        stream: 'stdout',
        line: '{remoteip} - - [{time:clf}] "{method} {path} HTTP/1.1" {status} {bytes} "-" "{ua}"',
      },
    },
  },
  signals: {
    SIGTERM: {
      timeline: [
        { err: '[{time:httpd}] [mpm_prefork:notice] [pid 1] AH00169: caught SIGTERM, shutting down' },
      ],
      exit: 0,
    },
  },
};

/** registry.k8s.io/e2e-test-images/agnhost: one binary, many test servers selected by subcommand. */
const AGNHOST: AppData = {
  subcommands: {
    netexec: {
      options: [
        { names: ['--http-port'], var: 'httpPort', value: true },
        { names: ['--udp-port'], var: 'udpPort', value: true },
        { names: ['--sctp-port'], var: 'sctpPort', value: true },
      ],
      vars: { httpPort: '8080', udpPort: '8081' },
      startup: [
        { err: '{time:klog}       1 log.go:245] Started HTTP server on port {opt.httpPort}' },
        { err: '{time:klog}       1 log.go:245] Started UDP server on port  {opt.udpPort}' },
      ],
      then: {
        kind: 'serve',
        ports: ['{opt.httpPort}'],
        http: {
          kind: 'routes',
          routes: [
            { path: '/hostname', body: '{hostname}', contentType: 'text/plain; charset=utf-8' },
            { path: '/healthz', body: '', contentType: 'text/plain; charset=utf-8' },
            { path: '/clientip', body: '{remoteaddr}', contentType: 'text/plain; charset=utf-8' },
            { path: '/echo', body: '{query.msg}', contentType: 'text/plain; charset=utf-8' },
          ],
          fallback: { path: '*', body: 'NOW: {time:go-now}', contentType: 'text/plain; charset=utf-8' },
          accessLog: { stream: 'stderr', line: '{time:klog}       1 log.go:245] GET {path}' },
        },
      },
      signals: GO_DEFAULT_SIGNALS,
    },
    'serve-hostname': {
      options: [{ names: ['--port'], var: 'port', value: true }],
      vars: { port: '9376' },
      startup: [{ err: '{time:go} Serving on port {opt.port}.' }],
      then: {
        kind: 'serve',
        ports: ['{opt.port}'],
        http: {
          kind: 'routes',
          routes: [],
          fallback: { path: '*', body: '{hostname}', contentType: 'text/plain; charset=utf-8' },
        },
      },
      signals: GO_DEFAULT_SIGNALS,
    },
    liveness: {
      startup: [],
      then: {
        kind: 'serve',
        ports: ['8080'],
        http: {
          kind: 'routes',
          routes: [
            { path: '/healthz', body: 'ok', after: { ms: 10_000, status: 500, body: 'error: {elapsed}' } },
            { path: '/started', body: '{elapsed}' },
          ],
        },
      },
      signals: GO_DEFAULT_SIGNALS,
    },
    'test-webserver': {
      options: [{ names: ['--port'], var: 'port', value: true }],
      vars: { port: '80' },
      then: {
        kind: 'serve',
        ports: ['{opt.port}'],
        http: { kind: 'routes', routes: [], fallback: { path: '*', body: 'Hello World!' } },
      },
      signals: GO_DEFAULT_SIGNALS,
    },
    pause: {
      startup: [{ out: 'Paused' }],
      then: { kind: 'block' },
      signals: {
        SIGTERM: {
          timeline: [{ out: 'Shutting down after receiving signal: terminated.' }, { out: 'Exiting' }],
          exit: 0,
        },
      },
    },
  },
  unknownSubcommand: {
    timeline: [
      { err: 'Error: unknown command "{arg.0}" for "agnhost"' },
      { err: "Run 'agnhost --help' for usage." },
    ],
    exit: 1,
  },
  startup: [
    { out: 'agnhost is a test image containing many simple test servers and utilities.' },
    { out: '' },
    { out: 'Usage:' },
    { out: '  agnhost [command]' },
  ],
  then: { kind: 'exit', code: 0 },
};

const PAUSE_APP: AppData = {
  then: { kind: 'block' },
  signals: {
    SIGTERM: { timeline: [{ err: 'Shutting down, got signal: Terminated' }], exit: 0 },
    SIGINT: { timeline: [{ err: 'Shutting down, got signal: Interrupt' }], exit: 0 },
  },
};

const CURL_IMAGE_ENTRYPOINT: AppData = { prependWhenOption: 'curl', then: { kind: 'exec-args' } };

// ---------------------------------------------------------------------------------------------------
// Kubernetes system components (the static pods and add-ons of a kubeadm/kind cluster)

const KUBE_SIGNALS: AppData['signals'] = {
  SIGTERM: { timeline: [], exit: 0 },
  SIGINT: { timeline: [], exit: 0 },
};

const KUBE_APISERVER: AppData = {
  options: [
    { names: ['--secure-port'], var: 'port', value: true },
    { names: ['--advertise-address'], var: 'advertise', value: true },
  ],
  vars: { port: '6443', advertise: '{podIP}' },
  startup: [
    { err: '{time:klog}       1 options.go:238] external host was not specified, using {opt.advertise}' },
    { err: '{time:klog}       1 server.go:143] Version: {version}' },
    { err: '{time:klog}       1 server.go:145] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""' },
    { sleep: 1500 },
    { err: '{time:klog}       1 secure_serving.go:211] Serving securely on [::]:{opt.port}' },
  ],
  then: {
    kind: 'serve',
    ports: ['{opt.port}'],
    http: {
      kind: 'routes',
      routes: [
        { path: '/livez', body: 'ok' },
        { path: '/readyz', body: 'ok' },
        { path: '/healthz', body: 'ok' },
      ],
      fallback: {
        path: '*',
        status: 403,
        body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden: User \\"system:anonymous\\" cannot get path \\"{path}\\"","reason":"Forbidden","details":{},"code":403}\n',
        contentType: 'application/json',
      },
    },
  },
  signals: KUBE_SIGNALS,
};

function kubeComponent(name: string, port: string, extra: TimelineEntry[]): AppData {
  return {
    startup: [
      { err: '{time:klog}       1 serving.go:386] Generated self-signed cert in-memory' },
      ...extra,
      { err: `{time:klog}       1 secure_serving.go:211] Serving securely on 127.0.0.1:${port}` },
    ],
    then: {
      kind: 'serve',
      ports: [port],
      http: {
        kind: 'routes',
        routes: [{ path: '/healthz', body: 'ok' }],
        fallback: { path: '*', status: 403, body: 'forbidden' },
      },
    },
    signals: KUBE_SIGNALS,
    vars: { component: name },
  };
}

const KUBE_PROXY: AppData = {
  startup: [
    { err: '{time:klog}       1 server_linux.go:66] "Using iptables proxy"' },
    { err: '{time:klog}       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["{podIP}"]' },
    {
      err: '{time:klog}       1 server.go:254] "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"',
    },
    { err: '{time:klog}       1 server_linux.go:170] "Using iptables Proxier"' },
    { err: '{time:klog}       1 config.go:199] "Starting service config controller"' },
    {
      err: '{time:klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="service config"',
    },
    { err: '{time:klog}       1 shared_informer.go:357] "Caches are synced" controller="service config"' },
  ],
  then: {
    kind: 'serve',
    ports: ['10249', '10256'],
    http: {
      kind: 'routes',
      routes: [
        {
          path: '/healthz',
          body: '{"lastUpdated": "{time:iso}","currentTime": "{time:iso}", "nodeEligible": true}',
        },
        { path: '/livez', body: 'ok' },
      ],
      fallback: { path: '*', status: 404, body: '404 page not found\n' },
    },
  },
  signals: KUBE_SIGNALS,
};

const ETCD_LOG = (msg: string, extra = '') =>
  `{"level":"info","ts":"{time:iso}","caller":"etcdmain/etcd.go:${extra ? '116' : '73'}","msg":"${msg}"${extra}}`;

const ETCD: AppData = {
  startup: [
    {
      err: ETCD_LOG(
        'Running: ',
        ',"args":["etcd","--advertise-client-urls=https://{podIP}:2379","--data-dir=/var/lib/etcd","--listen-client-urls=https://127.0.0.1:2379,https://{podIP}:2379","--name={hostname}"]',
      ),
    },
    {
      err: '{"level":"info","ts":"{time:iso}","caller":"embed/etcd.go:140","msg":"configuring peer listeners","listen-peer-urls":["https://{podIP}:2380"]}',
    },
    { sleep: 800 },
    {
      err: '{"level":"info","ts":"{time:iso}","caller":"etcdserver/server.go:2064","msg":"published local member to cluster through raft","local-member-attributes":"{Name:{hostname} ClientURLs:[https://{podIP}:2379]}"}',
    },
    {
      err: '{"level":"info","ts":"{time:iso}","caller":"embed/serve.go:187","msg":"serving client traffic securely","traffic":"grpc+http","address":"127.0.0.1:2379"}',
    },
  ],
  then: {
    kind: 'serve',
    ports: ['2379', '2380', '2381'],
    http: {
      kind: 'routes',
      routes: [
        { path: '/health', body: '{"health":"true","reason":""}' },
        { path: '/readyz', body: 'ok' },
        { path: '/livez', body: 'ok' },
      ],
      fallback: { path: '*', status: 404, body: '404 page not found\n' },
    },
  },
  signals: {
    SIGTERM: {
      timeline: [
        {
          err: '{"level":"info","ts":"{time:iso}","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"terminated"}',
        },
      ],
      exit: 0,
    },
  },
};

const COREDNS: AppData = {
  options: [{ names: ['-conf'], var: 'conf', value: true }],
  startup: [
    { out: 'maxprocs: Leaving GOMAXPROCS={cpus}: CPU quota undefined' },
    { out: '.:53' },
    { out: '[INFO] plugin/reload: Running configuration SHA512 = {corefileSha}' },
    { out: 'CoreDNS-{version}' },
    { out: 'linux/amd64, {goversion}' },
  ],
  then: {
    kind: 'serve',
    ports: ['53', '9153', '8080', '8181'],
    http: {
      kind: 'routes',
      routes: [
        { path: '/health', body: 'OK' },
        { path: '/ready', body: 'OK' },
        {
          path: '/metrics',
          body: "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n",
        },
      ],
      fallback: { path: '*', status: 404, body: '404 page not found\n' },
    },
  },
  signals: {
    SIGTERM: {
      timeline: [
        { out: '[INFO] SIGTERM: Shutting down servers then terminating' },
        { out: '[INFO] plugin/health: Going into lameduck mode for 5s' },
        { sleep: 5000 },
      ],
      exit: 0,
    },
  },
};

const KINDNETD: AppData = {
  startup: [
    { err: '{time:klog}       1 main.go:109] connected to apiserver: https://10.96.0.1:443' },
    { err: '{time:klog}       1 main.go:139] hostIP = {podIP}' },
    { err: '{time:klog}       1 main.go:148] setting mtu 1500 for CNI ' },
    { err: '{time:klog}       1 main.go:178] kindnetd IP family: "ipv4"' },
  ],
  then: { kind: 'block' },
  signals: KUBE_SIGNALS,
};

const LOCAL_PATH_PROVISIONER: AppData = {
  startup: [
    {
      err: 'time="{time:iso}" level=debug msg="Applied config: {\\"nodePathMap\\":[{\\"node\\":\\"DEFAULT_PATH_FOR_NON_LISTED_NODES\\",\\"paths\\":[\\"/var/local-path-provisioner\\"]}]}"',
    },
    { err: 'time="{time:iso}" level=debug msg="Provisioner started"' },
  ],
  then: { kind: 'block' },
  signals: KUBE_SIGNALS,
};

/** CoreDNS prints the SHA512 of its Corefile at start; this stands for kubeadm's default Corefile. */
const COREFILE_SHA512 =
  'd2da53b129f0c4d941e54162e3883f996cccac24bc8079e209399b6335aa184a5b0fde57abcbe8b7593aebb7b3a130b2f95466e6a4afefddb786329268b3a9d4';

function distrolessApp(binary: string, app: AppData, ports: number[] = []): ImageConfigData {
  return {
    base: 'distroless',
    entrypoint: [binary],
    cmd: [],
    exposedPorts: ports,
    programs: { [binary]: { kind: 'app', app } },
  };
}

function kubeImage(name: string, app: AppData): RepositoryData {
  const series = (minor: string, last: number) =>
    Array.from({ length: last + 1 }, (_, p) => ({
      tags: [`v${minor}.${p}`],
      config: 'default',
      sizeMB:
        name === 'kube-proxy'
          ? 30.9
          : name === 'kube-apiserver'
            ? 28.6
            : name === 'kube-controller-manager'
              ? 26.3
              : 20.4,
      vars: { version: `v${minor}.${p}` },
    }));
  return {
    registry: 'registry.k8s.io',
    repository: name,
    configs: {
      default: {
        base: name === 'kube-proxy' ? 'debian' : 'distroless',
        entrypoint: [],
        cmd: [`/usr/local/bin/${name}`],
        programs: { [`/usr/local/bin/${name}`]: { kind: 'app', app }, [`/${name}`]: { kind: 'app', app } },
      },
    },
    tags: [...series('1.31', 9), ...series('1.32', 9), ...series('1.33', 5), ...series('1.34', 1)],
  };
}

// ---------------------------------------------------------------------------------------------------
// The catalogue

const BUSYBOX_CONFIG: ImageConfigData = {
  base: 'busybox',
  entrypoint: [],
  cmd: ['sh'],
  programs: {},
};

function pythonVariants(
  minor: string,
  version: string,
  aliases: { full?: string[]; slim?: string[]; alpine?: string[] } = {},
): TagGroupData[] {
  return [
    { tags: [version, minor, ...(aliases.full ?? [])], config: 'debian', sizeMB: 381.2, vars: { version } },
    {
      tags: [`${version}-slim`, `${minor}-slim`, ...(aliases.slim ?? [])],
      config: 'slim',
      sizeMB: 43.1,
      vars: { version },
    },
    {
      tags: [`${version}-alpine`, `${minor}-alpine`, ...(aliases.alpine ?? [])],
      config: 'alpine',
      sizeMB: 17.6,
      vars: { version },
    },
  ];
}

function nodeVariants(
  major: string,
  version: string,
  extra: { full?: string[]; slim?: string[]; alpine?: string[] } = {},
): TagGroupData[] {
  return [
    { tags: [version, major, ...(extra.full ?? [])], config: 'debian', sizeMB: 394.5, vars: { version } },
    {
      tags: [`${version}-slim`, `${major}-slim`, ...(extra.slim ?? [])],
      config: 'slim',
      sizeMB: 72.4,
      vars: { version },
    },
    {
      tags: [`${version}-alpine`, `${major}-alpine`, ...(extra.alpine ?? [])],
      config: 'alpine',
      sizeMB: 52.8,
      vars: { version },
    },
  ];
}

const HELLO_APP_CONFIG: ImageConfigData = distrolessApp('/hello-app', HELLO_APP, [8080]);

export const CATALOGUE: RepositoryData[] = [
  {
    registry: 'docker.io',
    repository: 'library/nginx',
    configs: {
      legacy: nginxConfig('debian', 'legacy'),
      classic: nginxConfig('debian', 'classic'),
      modern: nginxConfig('debian', 'modern'),
      'classic-alpine': nginxConfig('alpine', 'classic'),
      'modern-alpine': nginxConfig('alpine', 'modern'),
    },
    tags: [
      { tags: ['1.7.9'], config: 'legacy', sizeMB: 39.9, vars: { version: '1.7.9' } },
      { tags: ['1.14.2', '1.14'], config: 'legacy', sizeMB: 44.7, vars: { version: '1.14.2' } },
      { tags: ['1.15.12', '1.15'], config: 'legacy', sizeMB: 49.1, vars: { version: '1.15.12' } },
      { tags: ['1.16.1', '1.16'], config: 'legacy', sizeMB: 48.7, vars: { version: '1.16.1' } },
      { tags: ['1.17.10', '1.17'], config: 'legacy', sizeMB: 50.9, vars: { version: '1.17.10' } },
      { tags: ['1.18.0', '1.18'], config: 'legacy', sizeMB: 51.6, vars: { version: '1.18.0' } },
      {
        tags: ['1.19.10', '1.19'],
        config: 'classic',
        sizeMB: 53.1,
        vars: { version: '1.19.10', gcc: '8.3.0 (Debian 8.3.0-6) ' },
      },
      {
        tags: ['1.20.2', '1.20'],
        config: 'classic',
        sizeMB: 53.5,
        vars: { version: '1.20.2', gcc: '8.3.0 (Debian 8.3.0-6) ' },
      },
      {
        tags: ['1.21.6', '1.21'],
        config: 'classic',
        sizeMB: 54.3,
        vars: { version: '1.21.6', gcc: '10.2.1 20210110 (Debian 10.2.1-6) ' },
      },
      {
        tags: ['1.22.1', '1.22'],
        config: 'classic',
        sizeMB: 54.7,
        vars: { version: '1.22.1', gcc: '10.2.1 20210110 (Debian 10.2.1-6) ' },
      },
      {
        tags: ['1.23.4', '1.23'],
        config: 'classic',
        sizeMB: 54.7,
        vars: { version: '1.23.4', gcc: '10.2.1 20210110 (Debian 10.2.1-6) ' },
      },
      {
        tags: ['1.24.0', '1.24'],
        config: 'classic',
        sizeMB: 64.4,
        vars: { version: '1.24.0', gcc: GCC_BOOKWORM },
      },
      ...patchSeries('1.25', 0, 5, 'modern', 67.3, () => ({ gcc: GCC_BOOKWORM })),
      ...patchSeries(
        '1.25',
        0,
        5,
        'modern-alpine',
        17.1,
        () => ({ gcc: '12.2.1 20220924 (Alpine 12.2.1_git20220924-r10) ' }),
        { suffix: '-alpine' },
      ),
      ...patchSeries('1.26', 0, 3, 'modern', 67.6, () => ({ gcc: GCC_BOOKWORM })),
      ...patchSeries(
        '1.26',
        0,
        3,
        'modern-alpine',
        19.2,
        () => ({ gcc: '13.2.1 20240309 (Alpine 13.2.1_git20240309) ' }),
        { suffix: '-alpine' },
      ),
      ...patchSeries('1.27', 0, 5, 'modern', 67.8, () => ({ gcc: GCC_BOOKWORM })),
      ...patchSeries('1.27', 0, 5, 'modern-alpine', 19.8, () => ({ gcc: '14.2.0 (Alpine 14.2.0) ' }), {
        suffix: '-alpine',
      }),
      {
        tags: ['1.28.0', '1.28', 'stable', 'stable-bookworm'],
        config: 'modern',
        sizeMB: 68.9,
        vars: { version: '1.28.0', gcc: GCC_BOOKWORM_U1 },
      },
      {
        tags: ['1.28.0-alpine', '1.28-alpine', 'stable-alpine'],
        config: 'modern-alpine',
        sizeMB: 20.4,
        vars: { version: '1.28.0', gcc: '14.2.0 (Alpine 14.2.0) ' },
      },
      { tags: ['1.29.0'], config: 'modern', sizeMB: 69.1, vars: { version: '1.29.0', gcc: GCC_BOOKWORM_U1 } },
      { tags: ['1.29.1'], config: 'modern', sizeMB: 69.1, vars: { version: '1.29.1', gcc: GCC_BOOKWORM_U1 } },
      { tags: ['1.29.2'], config: 'modern', sizeMB: 57.6, vars: { version: '1.29.2', gcc: GCC_TRIXIE } },
      {
        tags: ['1.29.3', '1.29', '1', 'mainline', 'latest', 'trixie', 'mainline-trixie'],
        config: 'modern',
        sizeMB: 57.8,
        vars: { version: '1.29.3', gcc: GCC_TRIXIE },
      },
      {
        tags: ['1.29.0-alpine'],
        config: 'modern-alpine',
        sizeMB: 20.6,
        vars: { version: '1.29.0', gcc: '14.2.0 (Alpine 14.2.0) ' },
      },
      {
        tags: ['1.29.3-alpine', '1.29-alpine', '1-alpine', 'mainline-alpine', 'alpine'],
        config: 'modern-alpine',
        sizeMB: 21.2,
        vars: { version: '1.29.3', gcc: '14.2.0 (Alpine 14.2.0) ' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/httpd',
    configs: { debian: httpdConfig('debian'), alpine: httpdConfig('alpine') },
    tags: [
      { tags: ['2.4.57'], config: 'debian', sizeMB: 56.2, vars: { version: '2.4.57' } },
      { tags: ['2.4.58'], config: 'debian', sizeMB: 56.7, vars: { version: '2.4.58' } },
      { tags: ['2.4.59'], config: 'debian', sizeMB: 56.9, vars: { version: '2.4.59' } },
      { tags: ['2.4.62'], config: 'debian', sizeMB: 58.1, vars: { version: '2.4.62' } },
      { tags: ['2.4.63'], config: 'debian', sizeMB: 58.2, vars: { version: '2.4.63' } },
      { tags: ['2.4.65', '2.4', '2', 'latest'], config: 'debian', sizeMB: 44.9, vars: { version: '2.4.65' } },
      { tags: ['2.4.62-alpine'], config: 'alpine', sizeMB: 21.6, vars: { version: '2.4.62' } },
      {
        tags: ['2.4.65-alpine', '2.4-alpine', '2-alpine', 'alpine'],
        config: 'alpine',
        sizeMB: 22.1,
        vars: { version: '2.4.65' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/redis',
    configs: { debian: redisConfig('debian'), alpine: redisConfig('alpine') },
    tags: [
      { tags: ['6.2.14'], config: 'debian', sizeMB: 40.2, vars: { version: '6.2.14' } },
      { tags: ['6.2.17', '6.2', '6'], config: 'debian', sizeMB: 40.6, vars: { version: '6.2.17' } },
      { tags: ['7.0.15', '7.0'], config: 'debian', sizeMB: 43.5, vars: { version: '7.0.15' } },
      { tags: ['7.2.4'], config: 'debian', sizeMB: 40.2, vars: { version: '7.2.4' } },
      { tags: ['7.2.5'], config: 'debian', sizeMB: 40.2, vars: { version: '7.2.5' } },
      { tags: ['7.2.7', '7.2'], config: 'debian', sizeMB: 40.8, vars: { version: '7.2.7' } },
      { tags: ['7.4.0'], config: 'debian', sizeMB: 43.8, vars: { version: '7.4.0' } },
      { tags: ['7.4.1'], config: 'debian', sizeMB: 43.9, vars: { version: '7.4.1' } },
      { tags: ['7.4.2', '7.4', '7'], config: 'debian', sizeMB: 44.1, vars: { version: '7.4.2' } },
      { tags: ['8.0.0'], config: 'debian', sizeMB: 48.6, vars: { version: '8.0.0' } },
      { tags: ['8.0.2', '8.0'], config: 'debian', sizeMB: 48.9, vars: { version: '8.0.2' } },
      { tags: ['8.2.1', '8.2', '8', 'latest'], config: 'debian', sizeMB: 52.7, vars: { version: '8.2.1' } },
      { tags: ['7.2.7-alpine', '7.2-alpine'], config: 'alpine', sizeMB: 16.9, vars: { version: '7.2.7' } },
      {
        tags: ['7.4.2-alpine', '7.4-alpine', '7-alpine'],
        config: 'alpine',
        sizeMB: 17.4,
        vars: { version: '7.4.2' },
      },
      {
        tags: ['8.2.1-alpine', '8.2-alpine', '8-alpine', 'alpine'],
        config: 'alpine',
        sizeMB: 33.6,
        vars: { version: '8.2.1' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/busybox',
    configs: { default: BUSYBOX_CONFIG },
    tags: [
      { tags: ['1.28.4', '1.28'], config: 'default', sizeMB: 0.72, vars: { version: '1.28.4' } },
      { tags: ['1.31.1', '1.31'], config: 'default', sizeMB: 0.76, vars: { version: '1.31.1' } },
      { tags: ['1.32.1', '1.32'], config: 'default', sizeMB: 0.77, vars: { version: '1.32.1' } },
      { tags: ['1.34.1', '1.34'], config: 'default', sizeMB: 0.77, vars: { version: '1.34.1' } },
      { tags: ['1.35.0', '1.35'], config: 'default', sizeMB: 2.1, vars: { version: '1.35.0' } },
      { tags: ['1.36.1', '1.36', 'stable'], config: 'default', sizeMB: 2.15, vars: { version: '1.36.1' } },
      {
        tags: ['1.36.1-glibc', '1.36-glibc', 'stable-glibc'],
        config: 'default',
        sizeMB: 2.17,
        vars: { version: '1.36.1' },
      },
      {
        tags: ['1.36.1-musl', '1.36-musl', 'stable-musl'],
        config: 'default',
        sizeMB: 0.86,
        vars: { version: '1.36.1' },
      },
      {
        tags: ['1.36.1-uclibc', '1.36-uclibc', 'stable-uclibc'],
        config: 'default',
        sizeMB: 0.73,
        vars: { version: '1.36.1' },
      },
      {
        tags: ['1.37.0', '1.37', '1', 'latest'],
        config: 'default',
        sizeMB: 2.16,
        vars: { version: '1.37.0' },
      },
      {
        tags: ['1.37.0-glibc', '1.37-glibc', '1-glibc', 'glibc'],
        config: 'default',
        sizeMB: 2.18,
        vars: { version: '1.37.0' },
      },
      {
        tags: ['1.37.0-musl', '1.37-musl', '1-musl', 'musl'],
        config: 'default',
        sizeMB: 0.87,
        vars: { version: '1.37.0' },
      },
      {
        tags: ['1.37.0-uclibc', '1.37-uclibc', '1-uclibc', 'uclibc'],
        config: 'default',
        sizeMB: 0.74,
        vars: { version: '1.37.0' },
      },
    ],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'busybox',
    configs: { default: BUSYBOX_CONFIG },
    tags: [
      { tags: ['latest'], config: 'default', sizeMB: 1.14, vars: { version: '1.21.1' } },
      { tags: ['1.24'], config: 'default', sizeMB: 0.68, vars: { version: '1.24.0' } },
      { tags: ['1.27.2', '1.27'], config: 'default', sizeMB: 0.72, vars: { version: '1.27.2' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/alpine',
    configs: { default: { base: 'alpine', entrypoint: [], cmd: ['/bin/sh'] } },
    tags: [
      { tags: ['3.17.10', '3.17'], config: 'default', sizeMB: 3.4, vars: { version: '3.17.10' } },
      { tags: ['3.18.12', '3.18'], config: 'default', sizeMB: 3.4, vars: { version: '3.18.12' } },
      { tags: ['3.19.1'], config: 'default', sizeMB: 3.4, vars: { version: '3.19.1' } },
      { tags: ['3.19.8', '3.19'], config: 'default', sizeMB: 3.4, vars: { version: '3.19.8' } },
      { tags: ['3.20.0'], config: 'default', sizeMB: 3.6, vars: { version: '3.20.0' } },
      { tags: ['3.20.3'], config: 'default', sizeMB: 3.6, vars: { version: '3.20.3' } },
      { tags: ['3.20.7', '3.20'], config: 'default', sizeMB: 3.6, vars: { version: '3.20.7' } },
      { tags: ['3.21.0'], config: 'default', sizeMB: 3.6, vars: { version: '3.21.0' } },
      { tags: ['3.21.3'], config: 'default', sizeMB: 3.6, vars: { version: '3.21.3' } },
      { tags: ['3.21.4', '3.21'], config: 'default', sizeMB: 3.6, vars: { version: '3.21.4' } },
      { tags: ['3.22.0'], config: 'default', sizeMB: 3.8, vars: { version: '3.22.0' } },
      { tags: ['3.22.1'], config: 'default', sizeMB: 3.8, vars: { version: '3.22.1' } },
      {
        tags: ['3.22.2', '3.22', '3', 'latest'],
        config: 'default',
        sizeMB: 3.8,
        vars: { version: '3.22.2' },
      },
      { tags: ['edge'], config: 'default', sizeMB: 3.8, vars: { version: '3.23_alpha20250612' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/ubuntu',
    configs: { default: { base: 'ubuntu', entrypoint: [], cmd: ['/bin/bash'] } },
    tags: [
      { tags: ['20.04', 'focal'], config: 'default', sizeMB: 27.5, vars: { version: '20.04' } },
      { tags: ['22.04', 'jammy'], config: 'default', sizeMB: 29.5, vars: { version: '22.04' } },
      { tags: ['24.04', 'noble', 'latest'], config: 'default', sizeMB: 29.7, vars: { version: '24.04' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/debian',
    configs: { default: { base: 'debian', entrypoint: [], cmd: ['bash'] } },
    tags: [
      { tags: ['bullseye', '11'], config: 'default', sizeMB: 53.7, vars: { version: '11' } },
      { tags: ['bullseye-slim', '11-slim'], config: 'default', sizeMB: 30.3, vars: { version: '11' } },
      { tags: ['bookworm', '12'], config: 'default', sizeMB: 48.5, vars: { version: '12' } },
      { tags: ['bookworm-slim', '12-slim'], config: 'default', sizeMB: 28.2, vars: { version: '12' } },
      { tags: ['trixie', '13', 'latest'], config: 'default', sizeMB: 49.3, vars: { version: '13' } },
      { tags: ['trixie-slim', '13-slim'], config: 'default', sizeMB: 29.8, vars: { version: '13' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/postgres',
    configs: { debian: postgresConfig('debian'), alpine: postgresConfig('alpine') },
    tags: [
      {
        tags: ['13.22', '13'],
        config: 'debian',
        sizeMB: 150.1,
        vars: { version: '13.22', ...pgVars('debian')('13.22') },
      },
      {
        tags: ['14.19', '14'],
        config: 'debian',
        sizeMB: 151.3,
        vars: { version: '14.19', ...pgVars('debian')('14.19') },
      },
      {
        tags: ['15.14', '15'],
        config: 'debian',
        sizeMB: 152.0,
        vars: { version: '15.14', ...pgVars('debian')('15.14') },
      },
      {
        tags: ['16.4'],
        config: 'debian',
        sizeMB: 153.1,
        vars: { version: '16.4', ...pgVars('debian')('16.4') },
      },
      {
        tags: ['16.9'],
        config: 'debian',
        sizeMB: 153.4,
        vars: { version: '16.9', ...pgVars('debian')('16.9') },
      },
      {
        tags: ['16.10', '16'],
        config: 'debian',
        sizeMB: 153.6,
        vars: { version: '16.10', ...pgVars('debian')('16.10') },
      },
      {
        tags: ['17.0'],
        config: 'debian',
        sizeMB: 155.2,
        vars: { version: '17.0', ...pgVars('debian')('17.0') },
      },
      {
        tags: ['17.5'],
        config: 'debian',
        sizeMB: 155.8,
        vars: { version: '17.5', ...pgVars('debian')('17.5') },
      },
      {
        tags: ['17.6', '17'],
        config: 'debian',
        sizeMB: 156.0,
        vars: { version: '17.6', ...pgVars('debian')('17.6') },
      },
      {
        tags: ['18.0', '18', 'latest'],
        config: 'debian',
        sizeMB: 158.4,
        vars: { version: '18.0', ...pgVars('debian')('18.0') },
      },
      {
        tags: ['15.14-alpine', '15-alpine'],
        config: 'alpine',
        sizeMB: 104.2,
        vars: { version: '15.14', ...pgVars('alpine')('15.14') },
      },
      {
        tags: ['16.10-alpine', '16-alpine'],
        config: 'alpine',
        sizeMB: 105.1,
        vars: { version: '16.10', ...pgVars('alpine')('16.10') },
      },
      {
        tags: ['17.6-alpine', '17-alpine'],
        config: 'alpine',
        sizeMB: 107.0,
        vars: { version: '17.6', ...pgVars('alpine')('17.6') },
      },
      {
        tags: ['18.0-alpine', '18-alpine', 'alpine'],
        config: 'alpine',
        sizeMB: 109.3,
        vars: { version: '18.0', ...pgVars('alpine')('18.0') },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/mysql',
    configs: { default: MYSQL_CONFIG },
    tags: [
      {
        tags: ['5.7.44', '5.7', '5'],
        config: 'default',
        sizeMB: 152.3,
        vars: { version: '5.7.44', major: '5.7', pkgversion: '5.7.44-1.el7' },
      },
      {
        tags: ['8.0.36'],
        config: 'default',
        sizeMB: 165.8,
        vars: { version: '8.0.36', major: '8.0', pkgversion: '8.0.36-1.el8' },
      },
      {
        tags: ['8.0.43', '8.0'],
        config: 'default',
        sizeMB: 168.2,
        vars: { version: '8.0.43', major: '8.0', pkgversion: '8.0.43-1.el9' },
      },
      {
        tags: ['8.4.6', '8.4', '8', 'lts'],
        config: 'default',
        sizeMB: 173.4,
        vars: { version: '8.4.6', major: '8.4', pkgversion: '8.4.6-1.el9' },
      },
      {
        tags: ['9.4.0', '9.4', '9', 'innovation', 'latest'],
        config: 'default',
        sizeMB: 181.5,
        vars: { version: '9.4.0', major: 'innovation', pkgversion: '9.4.0-1.el9' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/mongo',
    configs: { default: MONGO_CONFIG },
    tags: [
      { tags: ['6.0.16'], config: 'default', sizeMB: 236.4, vars: { version: '6.0.16' } },
      { tags: ['6.0', '6'], config: 'default', sizeMB: 237.2, vars: { version: '6.0.24' } },
      { tags: ['7.0.12'], config: 'default', sizeMB: 246.9, vars: { version: '7.0.12' } },
      { tags: ['7.0', '7'], config: 'default', sizeMB: 248.1, vars: { version: '7.0.22' } },
      { tags: ['8.0.4'], config: 'default', sizeMB: 262.5, vars: { version: '8.0.4' } },
      { tags: ['8.0', '8', 'latest'], config: 'default', sizeMB: 265.7, vars: { version: '8.0.12' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/node',
    configs: {
      debian: nodeConfig('debian', false),
      slim: nodeConfig('debian', true),
      alpine: nodeConfig('alpine', false),
    },
    tags: [
      ...nodeVariants('16', '16.20.2', {
        full: ['gallium'],
        slim: ['gallium-slim'],
        alpine: ['gallium-alpine'],
      }),
      ...nodeVariants('18', '18.20.8', {
        full: ['hydrogen'],
        slim: ['hydrogen-slim'],
        alpine: ['hydrogen-alpine'],
      }),
      ...nodeVariants('20', '20.19.5', { full: ['iron'], slim: ['iron-slim'], alpine: ['iron-alpine'] }),
      ...nodeVariants('22', '22.20.0', { full: ['jod'], slim: ['jod-slim'], alpine: ['jod-alpine'] }),
      ...nodeVariants('24', '24.11.0', {
        full: ['krypton', 'lts'],
        slim: ['krypton-slim', 'lts-slim'],
        alpine: ['krypton-alpine', 'lts-alpine'],
      }),
      ...nodeVariants('25', '25.0.0', {
        full: ['current', 'latest'],
        slim: ['current-slim', 'slim'],
        alpine: ['current-alpine', 'alpine'],
      }),
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/python',
    configs: {
      debian: pythonConfig('debian', false),
      slim: pythonConfig('debian', true),
      alpine: pythonConfig('alpine', false),
    },
    tags: [
      ...pythonVariants('3.8', '3.8.20'),
      ...pythonVariants('3.9', '3.9.23'),
      ...pythonVariants('3.10', '3.10.18'),
      ...pythonVariants('3.11', '3.11.13'),
      ...pythonVariants('3.12', '3.12.11'),
      ...pythonVariants('3.13', '3.13.7'),
      ...pythonVariants('3.14', '3.14.0', {
        full: ['3', 'latest'],
        slim: ['3-slim', 'slim'],
        alpine: ['3-alpine', 'alpine'],
      }),
    ],
  },
  {
    registry: 'docker.io',
    repository: 'library/perl',
    configs: {
      default: {
        base: 'debian',
        entrypoint: [],
        cmd: ['perl', '-de0'],
        programs: { '/usr/local/bin/perl': { kind: 'app', app: PERL_APP } },
        extraUtils: ['curl', 'wget'],
      },
      slim: {
        base: 'debian',
        entrypoint: [],
        cmd: ['perl', '-de0'],
        programs: { '/usr/local/bin/perl': { kind: 'app', app: PERL_APP } },
      },
    },
    tags: [
      {
        tags: ['5.34.0'],
        config: 'default',
        sizeMB: 325.4,
        vars: { version: '5.34.0', minor: '34', patch: '0' },
      },
      {
        tags: ['5.34.3', '5.34'],
        config: 'default',
        sizeMB: 336.0,
        vars: { version: '5.34.3', minor: '34', patch: '3' },
      },
      {
        tags: ['5.36.3', '5.36'],
        config: 'default',
        sizeMB: 338.7,
        vars: { version: '5.36.3', minor: '36', patch: '3' },
      },
      {
        tags: ['5.38.4', '5.38'],
        config: 'default',
        sizeMB: 341.0,
        vars: { version: '5.38.4', minor: '38', patch: '4' },
      },
      {
        tags: ['5.40.2', '5.40'],
        config: 'default',
        sizeMB: 343.9,
        vars: { version: '5.40.2', minor: '40', patch: '2' },
      },
      {
        tags: ['5.42.0', '5.42', '5', 'latest'],
        config: 'default',
        sizeMB: 347.2,
        vars: { version: '5.42.0', minor: '42', patch: '0' },
      },
      {
        tags: ['5.42.0-slim', '5.42-slim', '5-slim', 'slim'],
        config: 'slim',
        sizeMB: 40.3,
        vars: { version: '5.42.0', minor: '42', patch: '0' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'hashicorp/http-echo',
    configs: { default: distrolessApp('/http-echo', HTTP_ECHO, [5678]) },
    tags: [
      { tags: ['0.2.3'], config: 'default', sizeMB: 2.4, vars: { version: '0.2.3' } },
      { tags: ['1.0.0', '1.0', '1', 'latest'], config: 'default', sizeMB: 3.7, vars: { version: '1.0.0' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'curlimages/curl',
    configs: {
      default: {
        base: 'alpine',
        entrypoint: ['/entrypoint.sh'],
        cmd: ['curl'],
        user: 'curl_user',
        extraUtils: ['curl'],
        programs: { '/entrypoint.sh': { kind: 'app', app: CURL_IMAGE_ENTRYPOINT } },
      },
    },
    tags: [
      { tags: ['8.5.0'], config: 'default', sizeMB: 6.4, vars: { version: '8.5.0' } },
      { tags: ['8.11.1'], config: 'default', sizeMB: 10.1, vars: { version: '8.11.1' } },
      { tags: ['8.16.0', 'latest'], config: 'default', sizeMB: 10.8, vars: { version: '8.16.0' } },
    ],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'pause',
    configs: {
      default: {
        base: 'scratch',
        entrypoint: ['/pause'],
        cmd: [],
        programs: { '/pause': { kind: 'app', app: PAUSE_APP } },
      },
    },
    tags: [
      { tags: ['3.6'], config: 'default', sizeMB: 0.3, vars: { version: '3.6' } },
      { tags: ['3.7'], config: 'default', sizeMB: 0.31, vars: { version: '3.7' } },
      { tags: ['3.8'], config: 'default', sizeMB: 0.31, vars: { version: '3.8' } },
      { tags: ['3.9'], config: 'default', sizeMB: 0.32, vars: { version: '3.9' } },
      { tags: ['3.10'], config: 'default', sizeMB: 0.32, vars: { version: '3.10' } },
      { tags: ['3.10.1'], config: 'default', sizeMB: 0.32, vars: { version: '3.10.1' } },
    ],
  },
  kubeImage('kube-apiserver', KUBE_APISERVER),
  kubeImage(
    'kube-controller-manager',
    kubeComponent('kube-controller-manager', '10257', [
      { err: '{time:klog}       1 controllermanager.go:189] "Starting" version="{version}"' },
      {
        err: '{time:klog}       1 leaderelection.go:257] attempting to acquire leader lease kube-system/kube-controller-manager...',
      },
    ]),
  ),
  kubeImage(
    'kube-scheduler',
    kubeComponent('kube-scheduler', '10259', [
      { err: '{time:klog}       1 server.go:166] "Starting Kubernetes Scheduler" version="{version}"' },
      {
        err: '{time:klog}       1 leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...',
      },
    ]),
  ),
  kubeImage('kube-proxy', KUBE_PROXY),
  {
    registry: 'registry.k8s.io',
    repository: 'etcd',
    configs: {
      default: {
        base: 'distroless',
        entrypoint: [],
        cmd: ['/usr/local/bin/etcd'],
        programs: {
          '/usr/local/bin/etcd': { kind: 'app', app: ETCD },
          '/usr/local/bin/etcdctl': { kind: 'unsimulated' },
        },
      },
    },
    tags: [
      { tags: ['3.5.15-0'], config: 'default', sizeMB: 56.9, vars: { version: '3.5.15' } },
      { tags: ['3.5.16-0'], config: 'default', sizeMB: 57.7, vars: { version: '3.5.16' } },
      { tags: ['3.5.21-0'], config: 'default', sizeMB: 58.9, vars: { version: '3.5.21' } },
      { tags: ['3.6.4-0'], config: 'default', sizeMB: 60.1, vars: { version: '3.6.4' } },
    ],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'coredns/coredns',
    configs: {
      default: {
        base: 'scratch',
        entrypoint: ['/coredns'],
        cmd: [],
        exposedPorts: [53],
        programs: { '/coredns': { kind: 'app', app: COREDNS } },
      },
    },
    tags: [
      {
        tags: ['v1.11.1'],
        config: 'default',
        sizeMB: 18.2,
        vars: { version: '1.11.1', corefileSha: COREFILE_SHA512, goversion: 'go1.20.7, ae2bbc2' },
      },
      {
        tags: ['v1.11.3'],
        config: 'default',
        sizeMB: 18.6,
        vars: { version: '1.11.3', corefileSha: COREFILE_SHA512, goversion: 'go1.21.11, a6338e9' },
      },
      {
        tags: ['v1.12.0'],
        config: 'default',
        sizeMB: 20.9,
        vars: { version: '1.12.0', corefileSha: COREFILE_SHA512, goversion: 'go1.23.3, 51e11f1' },
      },
      {
        tags: ['v1.12.1'],
        config: 'default',
        sizeMB: 21.1,
        vars: { version: '1.12.1', corefileSha: COREFILE_SHA512, goversion: 'go1.24.1, 707c7c1' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'kindest/kindnetd',
    configs: {
      default: {
        base: 'distroless',
        entrypoint: [],
        cmd: ['/bin/kindnetd'],
        programs: { '/bin/kindnetd': { kind: 'app', app: KINDNETD } },
      },
    },
    tags: [
      {
        tags: ['v20241212-9f82dd49'],
        config: 'default',
        sizeMB: 38.6,
        vars: { version: 'v20241212-9f82dd49' },
      },
      {
        tags: ['v20250214-acbabc1a'],
        config: 'default',
        sizeMB: 38.9,
        vars: { version: 'v20250214-acbabc1a' },
      },
      {
        tags: ['v20250512-df8de77b'],
        config: 'default',
        sizeMB: 44.4,
        vars: { version: 'v20250512-df8de77b' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'kindest/local-path-provisioner',
    configs: {
      default: {
        base: 'distroless',
        entrypoint: [],
        cmd: ['local-path-provisioner'],
        programs: { '/usr/bin/local-path-provisioner': { kind: 'app', app: LOCAL_PATH_PROVISIONER } },
      },
    },
    tags: [
      {
        tags: ['v20241212-8ac705d0'],
        config: 'default',
        sizeMB: 22.5,
        vars: { version: 'v20241212-8ac705d0' },
      },
      {
        tags: ['v20250214-acbabc1a'],
        config: 'default',
        sizeMB: 22.6,
        vars: { version: 'v20250214-acbabc1a' },
      },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'kindest/local-path-helper',
    configs: { default: { base: 'busybox', entrypoint: [], cmd: ['sh'] } },
    tags: [
      {
        tags: ['v20241212-8ac705d0'],
        config: 'default',
        sizeMB: 1.2,
        vars: { version: 'v20241212-8ac705d0' },
      },
    ],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'e2e-test-images/agnhost',
    configs: {
      default: {
        base: 'debian',
        entrypoint: ['/agnhost'],
        cmd: [],
        extraUtils: ['curl', 'nslookup', 'nc', 'ps'],
        programs: { '/agnhost': { kind: 'app', app: AGNHOST } },
      },
    },
    tags: ['2.39', '2.40', '2.43', '2.45', '2.47', '2.50', '2.52', '2.53', '2.54', '2.55'].map((v) => ({
      tags: [v],
      config: 'default',
      sizeMB: 46 + Number(v.split('.')[1]) / 10,
      vars: { version: v },
    })),
  },
  {
    registry: 'registry.k8s.io',
    repository: 'e2e-test-images/jessie-dnsutils',
    configs: {
      default: {
        base: 'debian',
        entrypoint: [],
        cmd: ['/bin/sh'],
        extraUtils: ['nslookup', 'ping', 'curl', 'wget'],
      },
    },
    tags: [{ tags: ['1.3'], config: 'default', sizeMB: 112.4, vars: { version: '1.3' } }],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'nginx-slim',
    configs: { default: nginxConfig('debian', 'legacy') },
    tags: [
      { tags: ['0.8'], config: 'default', sizeMB: 51.5, vars: { version: '1.11.1' } },
      { tags: ['0.21'], config: 'default', sizeMB: 45.3, vars: { version: '1.19.6' } },
      { tags: ['0.24'], config: 'default', sizeMB: 46.2, vars: { version: '1.23.1' } },
      { tags: ['0.26'], config: 'default', sizeMB: 47.0, vars: { version: '1.25.1' } },
    ],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'echoserver',
    configs: {
      default: {
        base: 'debian',
        entrypoint: [],
        cmd: ['/usr/local/bin/run.sh'],
        exposedPorts: [8080, 8443],
        programs: { '/usr/local/bin/run.sh': { kind: 'app', app: ECHOSERVER } },
      },
    },
    tags: [
      { tags: ['1.4'], config: 'default', sizeMB: 46.1, vars: { version: '1.4' } },
      { tags: ['1.10'], config: 'default', sizeMB: 46.2, vars: { version: '1.10' } },
    ],
  },
  {
    registry: 'docker.io',
    repository: 'kicbase/echo-server',
    configs: { default: distrolessApp('/echo-server', HELLO_APP, [8080]) },
    tags: [
      {
        tags: ['1.0', 'latest'],
        config: 'default',
        sizeMB: 2.6,
        vars: { version: '1.0', appversion: '1.0.0' },
      },
    ],
  },
  {
    registry: 'registry.k8s.io',
    repository: 'hpa-example',
    configs: {
      default: {
        base: 'debian',
        entrypoint: [],
        cmd: ['apache2-foreground'],
        exposedPorts: [80],
        programs: { '/usr/local/bin/apache2-foreground': { kind: 'app', app: HPA_EXAMPLE } },
      },
    },
    tags: [{ tags: ['latest'], config: 'default', sizeMB: 176.5, vars: { version: 'latest' } }],
  },
  {
    registry: 'gcr.io',
    repository: 'google-samples/hello-app',
    configs: { default: HELLO_APP_CONFIG },
    tags: [
      { tags: ['1.0'], config: 'default', sizeMB: 10.9, vars: { version: '1.0', appversion: '1.0.0' } },
      { tags: ['2.0'], config: 'default', sizeMB: 10.9, vars: { version: '2.0', appversion: '2.0.0' } },
    ],
  },
  {
    registry: 'us-docker.pkg.dev',
    repository: 'google-samples/containers/gke/hello-app',
    configs: { default: HELLO_APP_CONFIG },
    tags: [
      { tags: ['1.0'], config: 'default', sizeMB: 10.9, vars: { version: '1.0', appversion: '1.0.0' } },
      { tags: ['2.0'], config: 'default', sizeMB: 10.9, vars: { version: '2.0', appversion: '2.0.0' } },
    ],
  },
];

/**
 * Registries the simulated node can reach. A reference to another host fails the way an unknown host
 * does in reality (DNS lookup error) rather than "not found".
 */
export const KNOWN_REGISTRIES = [
  'docker.io',
  'registry.k8s.io',
  'gcr.io',
  'us-docker.pkg.dev',
  'quay.io',
  'ghcr.io',
  'registry.gitlab.com',
  'mcr.microsoft.com',
  'public.ecr.aws',
];

/** Kernel release printed by programs that report it (nginx's "OS: Linux ..."): a kind node on Ubuntu. */
export const KERNEL_RELEASE = '6.8.0-60-generic';
