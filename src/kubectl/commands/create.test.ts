import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { kit } from './mutate-testkit';

const deployYaml = (name: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n${extra}  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n`;

describe('kubectl create -f', () => {
  it('[KC-MUT8] creates each object and prints kind.group/name created', () => {
    const k = kit({
      'd.yaml': deployYaml('web'),
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    const r = k.run('kubectl create -f d.yaml -f cm.yaml');
    expect(r).toEqual({
      stdout: 'deployment.apps/web created\nconfigmap/c created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(k.cluster.api.get('ConfigMap', 'default', 'c').metadata.annotations).toBeUndefined();
  });

  it('[KC-MUT8] AlreadyExists and strict decoding errors name the file; the other documents are still created', () => {
    const k = kit({
      'd.yaml': deployYaml('web'),
      'all.yaml': `${deployYaml('web')}---\n${deployYaml('web2', '  replicass: 2\n')}---\n${deployYaml('web3')}`,
    });
    k.run('kubectl create -f d.yaml');
    const r = k.run('kubectl create -f all.yaml');
    expect(r.stdout).toBe('deployment.apps/web3 created\n');
    expect(r.stderr).toBe(
      'Error from server (AlreadyExists): error when creating "all.yaml": deployments.apps "web" already exists\n' +
        'Error from server (BadRequest): error when creating "all.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('[KC-MUT8] a single AlreadyExists prints on its own; --save-config stores the last-applied annotation', () => {
    const k = kit({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n' });
    expect(k.run('kubectl create -f cm.yaml --save-config').stdout).toBe('configmap/c created\n');
    expect(k.cluster.api.get('ConfigMap', 'default', 'c').metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n',
    });
    expect(k.run('kubectl create -f cm.yaml').stderr).toBe(
      'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "c" already exists\n',
    );
  });

  it('[KC-MUT8] without -f: must specify one of -f and -k, with the help; an empty file: no objects passed to create', () => {
    const k = kit({ 'empty.yaml': '# nothing\n' });
    const r = k.run('kubectl create');
    expect(r.exitCode).toBe(1);
    expect(
      r.stderr.startsWith(
        'Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin.\n',
      ),
    ).toBe(true);
    expect(k.run('kubectl create -f empty.yaml').stderr).toBe('error: no objects passed to create\n');
    expect(k.run('kubectl create foo').stderr).toBe(
      'Error: must specify one of -f and -k\n\nerror: unknown command "foo"\nSee \'kubectl create -h\' for help and examples\n',
    );
    const secret = k.run('kubectl create secret');
    expect(secret.exitCode).toBe(1);
    expect(secret.stderr.startsWith('Create a secret with specified type.\n')).toBe(true);
    expect(
      k.run('kubectl create -f - --dry-run=client', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n')
        .stdout,
    ).toBe('namespace/x created (dry run)\n');
  });
});

describe('kubectl create <generator>', () => {
  it('[KC-MUT9] create deployment --dry-run=client -o yaml prints the object kubectl builds', () => {
    const k = kit();
    expect(k.run('kubectl create deployment web --image=nginx --dry-run=client -o yaml').stdout).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy: {}',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - image: nginx',
        '        name: nginx',
        '        resources: {}',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('[KC-MUT9] --replicas, --port, -n and a command after --; -o json keeps the struct field order', () => {
    const k = kit();
    const r = k.run(
      'kubectl create deployment web -n team --image=busybox:1.36 --replicas=3 --port=8080 --dry-run=client -o json -- sleep 10',
    );
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', namespace: 'team', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'busybox',
                image: 'busybox:1.36',
                command: ['sleep', '10'],
                ports: [{ containerPort: 8080 }],
                resources: {},
              },
            ],
          },
        },
        strategy: {},
      },
      status: {},
    });
    expect(r.stdout.startsWith('{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n')).toBe(true);
  });

  it('[KC-MUT9] creates for real, and wraps a failure as kubectl create deployment does', () => {
    const k = kit();
    expect(k.run('kubectl create deployment web --image=nginx')).toEqual({
      stdout: 'deployment.apps/web created\n',
      stderr: '',
      exitCode: 0,
    });
    const d = k.cluster.api.get<KubeObject & { spec: { replicas: number } }>('Deployment', 'default', 'web');
    expect(d.spec.replicas).toBe(1);
    expect(k.run('kubectl create deployment web --image=nginx').stderr).toBe(
      'error: failed to create deployment: deployments.apps "web" already exists\n',
    );
    expect(k.run('kubectl create deployment web').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(k.run('kubectl create deployment --image=nginx').stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    // Two names before `--` is a usage error, not a command for the container.
    expect(k.run('kubectl create deployment a b --image=nginx').stderr).toBe(
      "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    expect(k.cluster.api.tryGet('Deployment', 'default', 'a')).toBeUndefined();
    expect(k.run('kubectl create deploy x --image=a --image=b -- date').stderr).toBe(
      'error: cannot specify multiple --image options and command\n',
    );
  });

  it('[KC-MUT9] create namespace / serviceaccount: objects and errors', () => {
    const k = kit();
    expect(k.run('kubectl create namespace team --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: team\nspec: {}\nstatus: {}\n',
    );
    expect(k.run('kubectl create ns team').stdout).toBe('namespace/team created\n');
    expect(k.run('kubectl create ns team').stderr).toBe(
      'Error from server (AlreadyExists): namespaces "team" already exists\n',
    );
    expect(k.run('kubectl create sa bot -n team --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: bot\n  namespace: team\n',
    );
    expect(k.run('kubectl create serviceaccount bot -n team').stdout).toBe('serviceaccount/bot created\n');
    expect(k.run('kubectl create ns a b').stderr).toBe(
      "error: exactly one NAME is required, got 2\nSee 'kubectl create namespace -h' for help and examples\n",
    );
    expect(k.run('kubectl create ns srv --dry-run=server').stdout).toBe(
      'namespace/srv created (server dry run)\n',
    );
    expect(k.cluster.api.tryGet('Namespace', undefined, 'srv')).toBeUndefined();
  });

  it('[KC-MUT9] create configmap and secret generic from literals, files, directories and env files', () => {
    const k = kit({
      'conf/app.properties': 'a=1\n',
      'conf/b.txt': 'x',
      'e.env': '# comment\nUSER=admin\n\nMODE=dev\n',
    });
    expect(
      k.run(
        'kubectl create configmap cfg --from-literal=greeting=hello --from-file=conf --dry-run=client -o yaml',
      ).stdout,
    ).toBe(
      'apiVersion: v1\ndata:\n  app.properties: |\n    a=1\n  b.txt: x\n  greeting: hello\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n',
    );
    expect(k.run('kubectl create cm env --from-env-file=e.env --dry-run=client -o yaml').stdout).toContain(
      'data:\n  MODE: dev\n  USER: admin\n',
    );
    expect(
      k.run('kubectl create secret generic db --from-literal=password=hunter2 --dry-run=client -o yaml')
        .stdout,
    ).toBe(
      'apiVersion: v1\ndata:\n  password: aHVudGVyMg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: db\n',
    );
    expect(k.run('kubectl create secret generic db --from-literal=password=hunter2').stdout).toBe(
      'secret/db created\n',
    );
    expect((k.cluster.api.get('Secret', 'default', 'db') as KubeObject & { type: string }).type).toBe(
      'Opaque',
    );
    expect(k.run('kubectl create secret generic db --from-literal=a=b').stderr).toBe(
      'error: failed to create secret secrets "db" already exists\n',
    );
    expect(k.run('kubectl create configmap bad --from-literal=novalue').stderr).toBe(
      'error: invalid literal source novalue, expected key=value\n',
    );
    expect(k.run('kubectl create configmap bad --from-file=missing.txt').stderr).toBe(
      'error: error reading missing.txt: no such file or directory\n',
    );
    expect(k.run('kubectl create configmap dup --from-literal=a=1 --from-literal=a=2').stderr).toBe(
      'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "dup"\n',
    );
  });

  it('[KC-MUT9] create service clusterip/nodeport: ports named port-targetPort, selector app=NAME', () => {
    const k = kit();
    expect(
      k.run('kubectl create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml')
        .stdout,
    ).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  ports:',
        '  - name: 80-8080',
        '    nodePort: 30080',
        '    port: 80',
        '    protocol: TCP',
        '    targetPort: 8080',
        '  selector:',
        '    app: web',
        '  type: NodePort',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(k.run('kubectl create service clusterip web --tcp=80:8080').stdout).toBe('service/web created\n');
    expect(k.run('kubectl create svc clusterip web --tcp=80').stderr).toBe(
      'error: failed to create ClusterIP service: services "web" already exists\n',
    );
    expect(k.run('kubectl create service clusterip x').stderr).toBe(
      'error: at least one tcp port specifier must be provided\n',
    );
    expect(k.run('kubectl create service clusterip x --tcp=abc').stderr).toBe(
      'error: strconv.ParseUint: parsing "abc": invalid syntax\n',
    );
    expect(
      k.run('kubectl create service clusterip hl --clusterip=None --dry-run=client -o yaml').stdout,
    ).toContain('  clusterIP: None\n');
  });
});

describe('kubectl run', () => {
  it('[KC-MUT10] builds the pod kubectl run builds: container named NAME, label run=NAME', () => {
    const k = kit();
    expect(k.run('kubectl run web --image=nginx --dry-run=client -o yaml').stdout).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    run: web',
        '  name: web',
        'spec:',
        '  containers:',
        '  - image: nginx',
        '    name: web',
        '    resources: {}',
        '  dnsPolicy: ClusterFirst',
        '  restartPolicy: Always',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('[KC-MUT10] --port, --env, --labels, --restart, --command and the args after --', () => {
    const k = kit();
    const r = k.run(
      'kubectl run job --image=busybox --port=80 --env=A=1 --labels=app=x,tier=db --restart=Never --dry-run=client -o json --command -- sh -c "echo hi"',
    );
    const pod = JSON.parse(r.stdout) as {
      metadata: { labels: object };
      spec: { restartPolicy: string; containers: object[] };
    };
    expect(pod.metadata.labels).toEqual({ app: 'x', tier: 'db' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers).toEqual([
      {
        name: 'job',
        image: 'busybox',
        command: ['sh', '-c', 'echo hi'],
        ports: [{ containerPort: 80 }],
        env: [{ name: 'A', value: '1' }],
        resources: {},
      },
    ]);
    expect(
      JSON.parse(k.run('kubectl run a --image=busybox --dry-run=client -o json -- sleep 1').stdout).spec
        .containers[0].args,
    ).toEqual(['sleep', '1']);
  });

  it('[KC-MUT10] creates the pod (pod/web created) and reports kubectl run errors', () => {
    const k = kit();
    expect(k.run('kubectl run web --image=nginx')).toEqual({
      stdout: 'pod/web created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(k.cluster.api.get('Pod', 'default', 'web').metadata.labels).toEqual({ run: 'web' });
    expect(k.run('kubectl run web --image=nginx').stderr).toBe(
      'Error from server (AlreadyExists): pods "web" already exists\n',
    );
    expect(k.run('kubectl run x').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(k.run('kubectl run --image=nginx').stderr).toBe('error: NAME is required for run\n');
    expect(k.run('kubectl run x --image=Nginx').stderr).toBe(
      'error: invalid image name "Nginx": invalid reference format\n',
    );
    expect(k.run('kubectl run x --image=nginx --restart=Sometimes').stderr).toBe(
      'error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never\n',
    );
    expect(k.run('kubectl run x --image=nginx --env=1BAD=x').stderr).toBe('error: invalid env: 1BAD=x\n');
    expect(k.run('kubectl run x --image=nginx --port=http').stderr).toBe('error: --port must be a number\n');
    expect(k.run('kubectl run x --image=nginx --expose').stderr).toBe(
      'error: --port must be set when exposing a service\n',
    );
    // RunOptions.Run: generateService prints the Service as it creates it; the pod is printed last.
    expect(k.run('kubectl run x --image=nginx --port=80 --expose').stdout).toBe(
      'service/x created\npod/x created\n',
    );
  });
});

describe('kubectl expose', () => {
  it('[KC-MUT11] takes selector, port and labels from a deployment; prints service/NAME exposed', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx --port=80');
    expect(k.run('kubectl expose deployment web --dry-run=client -o yaml').stdout).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  ports:',
        '  - port: 80',
        '    protocol: TCP',
        '    targetPort: 80',
        '  selector:',
        '    app: web',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(k.run('kubectl expose deploy/web --port=8080 --target-port=80 --type=NodePort')).toEqual({
      stdout: 'service/web exposed\n',
      stderr: '',
      exitCode: 0,
    });
    const svc = k.cluster.api.get<
      KubeObject & { spec: { type: string; ports: Array<{ port: number; targetPort: number }> } }
    >('Service', 'default', 'web');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports[0]).toMatchObject({ port: 8080, targetPort: 80 });
  });

  it('[KC-MUT11] exposes a pod by its labels; errors in kubectl words', () => {
    const k = kit();
    k.run('kubectl run db --image=nginx --port=5432');
    expect(k.run('kubectl expose pod db --name=db-svc').stdout).toBe('service/db-svc exposed\n');
    expect(
      k.cluster.api.get<KubeObject & { spec: { selector: object } }>('Service', 'default', 'db-svc').spec
        .selector,
    ).toEqual({ run: 'db' });
    expect(k.run('kubectl expose pod db --name=db-svc').stderr).toBe(
      'Error from server (AlreadyExists): services "db-svc" already exists\n',
    );
    k.run('kubectl run noport --image=nginx');
    expect(k.run('kubectl expose pod noport').stderr).toBe(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
    );
    expect(k.run('kubectl expose deployment nope --port=80').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(k.run('kubectl expose node control-plane --port=80').stderr).toBe('error: cannot expose a Node\n');
    expect(k.run('kubectl expose deployment').stderr).toBe(
      "error: resource(s) were provided, but no name was specified\nSee 'kubectl expose -h' for help and examples\n",
    );
  });
});
