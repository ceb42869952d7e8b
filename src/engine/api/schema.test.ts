import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import schemaJson from './generated/schema.json';
import {
  checkObject,
  decodeErrorMessage,
  definitionKeyFor,
  explain,
  jsonSchemaFor,
  renderExplain,
  wrapString,
  type JsonSchema,
  type SchemaFile,
} from './schema';

const nginxDeployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

const myService = `
apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app.kubernetes.io/name: MyApp
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 9376
`;

const nginxPod = `
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`;

const gameDemo = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: game-demo
data:
  # property-like keys; each key maps to a simple value
  player_initial_lives: "3"
  ui_properties_file_name: "user-interface.properties"

  # file-like keys
  game.properties: |
    enemy.types=aliens,monsters
    player.maximum-lives=5
  user-interface.properties: |
    color.good=purple
    color.bad=yellow
    allow.textmode=true
`;

/** What `kubectl create deployment web --image=nginx --dry-run=client -o yaml` prints, plus the usual extras. */
const kitchenSink = `
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
  annotations:
    kubernetes.io/change-cause: "initial"
spec:
  replicas: 2
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app: web
    matchExpressions:
    - key: tier
      operator: In
      values: [frontend]
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
        tier: frontend
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsUser: 1000
        fsGroup: 2000
        supplementalGroups: [3000]
      containers:
      - image: nginx
        name: nginx
        args: ["--port", "8080"]
        env:
        - name: MODE
          value: production
        - name: POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        resources:
          limits:
            cpu: 500m
            memory: 128Mi
          requests:
            cpu: 0.25
            memory: 64e6
        ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
          initialDelaySeconds: 3
        readinessProbe:
          tcpSocket:
            port: 8080
        volumeMounts:
        - name: config
          mountPath: /etc/config
          readOnly: true
      volumes:
      - name: config
        configMap:
          name: game-demo
          defaultMode: 420
      tolerations:
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 300
status: {}
`;

function manifest(yamlText: string): Record<string, unknown> {
  return parse(yamlText) as Record<string, unknown>;
}

/** Deep-sets a value in a parsed manifest. */
function withValue(
  obj: Record<string, unknown>,
  path: Array<string | number>,
  value: unknown,
): Record<string, unknown> {
  let cur: unknown = obj;
  for (const key of path.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[key];
  (cur as Record<string | number, unknown>)[path[path.length - 1]!] = value;
  return obj;
}

describe('generated schema', () => {
  const file = schemaJson as unknown as SchemaFile;

  it('covers the served kinds, from kubernetes-types', () => {
    expect(file.source).toMatch(/^kubernetes-types@1\.30\./);
    expect(definitionKeyFor('apps/v1', 'Deployment')).toBe('apps/v1.Deployment');
    expect(definitionKeyFor('v1', 'Pod')).toBe('core/v1.Pod');
    expect(definitionKeyFor('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe(
      'autoscaling/v2.HorizontalPodAutoscaler',
    );
    expect(definitionKeyFor('networking.k8s.io/v1', 'Ingress')).toBe('networking/v1.Ingress');
    expect(definitionKeyFor('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe('rbac/v1.ClusterRole');
    expect(definitionKeyFor('apps/v1beta1', 'Deployment')).toBeUndefined();
  });

  it('is sorted, so that it is deterministic', () => {
    const sorted = (keys: string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(Object.keys(file.definitions)).toEqual(sorted(Object.keys(file.definitions)));
    expect(Object.keys(file.kinds)).toEqual(sorted(Object.keys(file.kinds)));
    const spec = file.definitions['apps/v1.DeploymentSpec']!.properties!;
    expect(Object.keys(spec)).toEqual(sorted(Object.keys(spec)));
  });

  it('maps the declarations to schema types', () => {
    const d = file.definitions;
    expect(d['apps/v1.DeploymentSpec']!.properties!.replicas).toMatchObject({
      type: 'integer',
      format: 'int32',
    });
    expect(d['apps/v1.DeploymentSpec']!.properties!.selector).toMatchObject({
      type: 'ref',
      ref: 'meta/v1.LabelSelector',
      required: true,
    });
    expect(d['core/v1.PodSpec']!.properties!.containers).toMatchObject({
      type: 'array',
      items: { type: 'ref', ref: 'core/v1.Container' },
      required: true,
    });
    expect(d['core/v1.PodSpec']!.properties!.terminationGracePeriodSeconds).toMatchObject({
      type: 'integer',
      format: 'int64',
    });
    expect(d['meta/v1.ObjectMeta']!.properties!.labels).toMatchObject({
      type: 'map',
      additionalProperties: { type: 'string' },
    });
    expect(d['meta/v1.ObjectMeta']!.properties!.creationTimestamp).toMatchObject({
      type: 'time',
      ref: 'meta/v1.Time',
    });
    expect(d['core/v1.ServicePort']!.properties!.targetPort).toMatchObject({
      type: 'int-or-string',
      ref: 'util/intstr.IntOrString',
    });
    expect(d['core/v1.ResourceRequirements']!.properties!.limits).toMatchObject({
      type: 'map',
      goType: 'v1.ResourceList',
      additionalProperties: { type: 'quantity', ref: 'api/resource.Quantity' },
    });
    expect(d['apps/v1.ControllerRevision']!.properties!.data).toMatchObject({
      type: 'any',
      ref: 'runtime.RawExtension',
    });
    expect(d['core/v1.Secret']!.properties!.data).toMatchObject({
      type: 'map',
      additionalProperties: { type: 'string', format: 'byte' },
    });
    expect(d['apps/v1.DeploymentStrategy']!.properties!.type).toMatchObject({
      type: 'string',
      enum: ['Recreate', 'RollingUpdate'],
    });
    expect(d['core/v1.Pod']!.description).toBe(
      'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
    );
    // Multi-line JSDoc keeps its paragraphs.
    expect(d['api/resource.Quantity']!.description).toContain('\n\nThe serialization format is:\n\n');
  });
});

describe('checkObject / decodeErrorMessage', () => {
  it('accepts the Kubernetes documentation examples', () => {
    for (const text of [nginxDeployment, myService, nginxPod, gameDemo, kitchenSink]) {
      const obj = manifest(text);
      expect(checkObject(obj), String(obj.kind)).toEqual([]);
      expect(decodeErrorMessage(obj, [])).toBeUndefined();
    }
  });

  it('finds an unknown field in a Deployment container, with the path kubectl shows', () => {
    const obj = manifest(nginxDeployment.replace('image: nginx:1.14.2', 'imagee: nginx:1.14.2'));
    const issues = checkObject(obj);
    expect(issues).toEqual([
      {
        type: 'unknown-field',
        path: 'spec.template.spec.containers[0].imagee',
        segments: ['spec', 'template', 'spec', 'containers', 0, 'imagee'],
        message: 'unknown field "spec.template.spec.containers[0].imagee"',
      },
    ]);
    expect(decodeErrorMessage(obj, issues)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
  });

  it('reports several unknown fields in sorted, depth-first order, as the server meets them', () => {
    const obj = manifest(nginxDeployment);
    const template = (obj.spec as Record<string, Record<string, Record<string, unknown>>>).template!;
    template.metadata!.volumes = [];
    template.metadata!.containers = template.spec!.containers;
    delete template.spec;
    (obj.spec as Record<string, unknown>).replicass = 3;
    const issues = checkObject(obj);
    expect(issues.map((i) => i.path)).toEqual([
      'spec.replicass',
      'spec.template.metadata.containers',
      'spec.template.metadata.volumes',
    ]);
    expect(decodeErrorMessage(obj, issues)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass", unknown field "spec.template.metadata.containers", unknown field "spec.template.metadata.volumes"',
    );
  });

  it('reports a string where an int is expected as Go json does', () => {
    const obj = withValue(manifest(nginxDeployment), ['spec', 'replicas'], '3');
    const issues = checkObject(obj);
    expect(issues).toEqual([
      {
        type: 'type-mismatch',
        path: 'spec.replicas',
        segments: ['spec', 'replicas'],
        message:
          'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
        expected: 'integer',
      },
    ]);
    expect(decodeErrorMessage(obj, issues)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('names the innermost struct and the index-free field path in type errors', () => {
    const cases: Array<[Array<string | number>, unknown, string]> = [
      [
        ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
        '80',
        'cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
      ],
      [
        ['spec', 'template', 'spec', 'containers', 0, 'image'],
        1.5,
        'cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
      ],
      [
        ['spec', 'replicas'],
        2.5,
        'cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
      ],
      [
        ['spec', 'replicas'],
        3000000000,
        'cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
      ],
      [
        ['spec', 'replicas'],
        true,
        'cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32',
      ],
      [
        ['metadata', 'labels', 'version'],
        1,
        'cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
      ],
      [
        ['metadata', 'labels'],
        ['app'],
        'cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
      ],
      [
        ['spec', 'template'],
        'nginx',
        'cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec',
      ],
      [
        ['spec', 'template', 'spec', 'containers'],
        { name: 'nginx' },
        'cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
      ],
      [
        ['spec', 'template', 'spec', 'containers', 0, 'args'],
        [8080],
        'cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string',
      ],
      [
        ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy'],
        1,
        'cannot unmarshal number into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy',
      ],
      [
        ['spec', 'template', 'spec', 'hostNetwork'],
        'yes',
        'cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool',
      ],
      [
        ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'],
        '30',
        'cannot unmarshal string into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64',
      ],
      [
        ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'],
        'cpu',
        'cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList',
      ],
    ];
    for (const [path, value, message] of cases) {
      const issues = checkObject(
        withValue(manifest(nginxDeployment + '        resources: {}\n'), path, value),
      );
      expect(issues.map((i) => i.message)).toEqual([`json: ${message}`]);
    }
  });

  it('lets the first type error win over unknown fields, as the decoder does', () => {
    const obj = withValue(manifest(nginxDeployment), ['spec', 'replicas'], 'three');
    (obj.metadata as Record<string, unknown>).nmae = 'x';
    const issues = checkObject(obj);
    expect(issues.map((i) => i.type)).toEqual(['unknown-field', 'type-mismatch']);
    expect(decodeErrorMessage(obj, issues)).toMatch(
      /cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/,
    );
  });

  it('accepts both forms of int-or-string and rejects the rest with IntOrString.UnmarshalJSON texts', () => {
    const svc = (targetPort: unknown) =>
      withValue(manifest(myService), ['spec', 'ports', 0, 'targetPort'], targetPort);
    expect(checkObject(svc(9376))).toEqual([]);
    expect(checkObject(svc('http'))).toEqual([]);
    expect(checkObject(svc(null))).toEqual([]);
    const float = svc(93.5);
    const issues = checkObject(float);
    expect(issues).toMatchObject([
      {
        path: 'spec.ports[0].targetPort',
        fatal: true,
        message: 'json: cannot unmarshal number 93.5 into Go value of type int32',
      },
    ]);
    expect(decodeErrorMessage(float, issues)).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number 93.5 into Go value of type int32',
    );
    expect(checkObject(svc(true))[0]?.message).toBe(
      'json: cannot unmarshal bool into Go value of type int32',
    );
    expect(checkObject(svc({ port: 1 }))[0]?.message).toBe(
      'json: cannot unmarshal object into Go value of type int32',
    );

    const dep = (maxSurge: unknown) =>
      withValue(manifest(nginxDeployment), ['spec', 'strategy'], {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge, maxUnavailable: 0 },
      });
    expect(checkObject(dep('25%'))).toEqual([]);
    expect(checkObject(dep(1))).toEqual([]);
  });

  it('parses quantities as resource.ParseQuantity does', () => {
    const withCpu = (cpu: unknown) =>
      checkObject(withValue(manifest(nginxPod), ['spec', 'containers', 0, 'resources'], { limits: { cpu } }));
    for (const ok of ['500m', '1', 0.5, 2, '1.5', '128Mi', '1Gi', '1e3', '+1', '0', '.5'])
      expect(withCpu(ok), String(ok)).toEqual([]);
    const wrong =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    expect(withCpu('abc')).toMatchObject([
      { type: 'invalid-value', fatal: true, message: wrong, path: 'spec.containers[0].resources.limits.cpu' },
    ]);
    expect(withCpu('1Gb')[0]?.message).toBe(wrong);
    expect(withCpu('')[0]?.message).toBe(wrong);
    expect(withCpu(true)[0]?.message).toBe(wrong);
    expect(withCpu('1mi')[0]?.message).toBe("unable to parse quantity's suffix");
    const obj = withValue(manifest(nginxPod), ['spec', 'containers', 0, 'resources'], {
      requests: { memory: '1 GB' },
    });
    expect(decodeErrorMessage(obj, checkObject(obj))).toBe(
      `Pod in version "v1" cannot be handled as a Pod: ${wrong}`,
    );
  });

  it('parses times with time.RFC3339 as metav1.Time does', () => {
    const at = (t: unknown) =>
      checkObject(withValue(manifest(nginxPod), ['metadata', 'creationTimestamp'], t));
    expect(at('2024-05-01T12:30:00Z')).toEqual([]);
    expect(at('2024-05-01T12:30:00.123456+02:00')).toEqual([]);
    expect(at(null)).toEqual([]);
    expect(at('yesterday')[0]?.message).toBe(
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
    expect(at('2024-05-01 12:30:00')[0]?.message).toBe(
      'parsing time "2024-05-01 12:30:00" as "2006-01-02T15:04:05Z07:00": cannot parse " 12:30:00" as "T"',
    );
    expect(at('2024-05-01T12:30:00')[0]?.message).toBe(
      'parsing time "2024-05-01T12:30:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"',
    );
    expect(at('2024-13-01T00:00:00Z')[0]?.message).toBe(
      'parsing time "2024-13-01T00:00:00Z": month out of range',
    );
    expect(at('2023-02-29T00:00:00Z')[0]?.message).toBe(
      'parsing time "2023-02-29T00:00:00Z": day out of range',
    );
    expect(at(1714566600)[0]).toMatchObject({
      type: 'type-mismatch',
      fatal: true,
      message: 'json: cannot unmarshal number into Go value of type string',
    });
  });

  it('decodes Secret data as base64 like encoding/json does for []byte', () => {
    const secret = (data: Record<string, unknown>) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data,
    });
    expect(checkObject(secret({ username: 'YWRtaW4=', password: 'MWYyZDFlMmU2N2Rm' }))).toEqual([]);
    const plain = secret({ password: 'admin' });
    const issues = checkObject(plain);
    expect(issues).toEqual([
      {
        type: 'invalid-value',
        path: 'data.password',
        segments: ['data', 'password'],
        message: 'illegal base64 data at input byte 4',
      },
    ]);
    expect(decodeErrorMessage(plain, issues)).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4',
    );
    expect(checkObject(secret({ a: 'YWRtaW4' }))[0]?.message).toBe('illegal base64 data at input byte 4');
    expect(checkObject(secret({ a: 'YW=taW4=' }))[0]?.message).toBe('illegal base64 data at input byte 2');
    expect(checkObject(secret({ a: 'my-password!' }))[0]?.message).toBe(
      'illegal base64 data at input byte 2',
    );
    expect(checkObject(secret({ a: 5 }))[0]?.message).toBe(
      'json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    );
    expect(
      checkObject({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        stringData: { password: 'admin' },
      }),
    ).toEqual([]);
  });

  it('reports kinds the API does not serve and objects without a kind', () => {
    const issues = checkObject({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } });
    expect(issues).toMatchObject([{ type: 'unknown-kind' }]);
    expect(decodeErrorMessage({}, issues)).toBe('no matches for kind "Deploymnet" in version "apps/v1"');
    expect(checkObject({ metadata: { name: 'x' } }).map((i) => i.message)).toEqual([
      'apiVersion not set',
      'kind not set',
    ]);
    expect(checkObject([1, 2])[0]?.type).toBe('invalid-object');
  });
});

describe('explain', () => {
  it('renders deployment.spec.strategy in the layout of kubectl explain', () => {
    const result = explain({ apiVersion: 'apps/v1', kind: 'Deployment' }, ['spec', 'strategy']);
    expect(result).toMatchObject({
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
      field: { name: 'strategy', type: 'DeploymentStrategy' },
      fields: [
        { name: 'rollingUpdate', type: 'RollingUpdateDeployment', required: false },
        { name: 'type', type: 'string', required: false, enum: ['Recreate', 'RollingUpdate'] },
      ],
    });
    expect(renderExplain(result!)).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: strategy <DeploymentStrategy>',
        '',
        '',
        'DESCRIPTION:',
        '    The deployment strategy to use to replace existing pods with new ones.',
        '    DeploymentStrategy describes how to replace existing pods with new ones.',
        '    ',
        'FIELDS:',
        '  rollingUpdate\t<RollingUpdateDeployment>',
        '    Rolling update config params. Present only if DeploymentStrategyType =',
        '    RollingUpdate.',
        '',
        '  type\t<string>',
        '  enum: Recreate, RollingUpdate',
        '    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is',
        '    RollingUpdate.',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('renders pods.spec.containers: a list explained through its item type', () => {
    const result = explain({ apiVersion: 'v1', kind: 'Pod' }, ['spec', 'containers'])!;
    expect(result.field).toEqual({ name: 'containers', type: '[]Container' });
    const text = renderExplain(result);
    expect(
      text.startsWith(
        [
          'KIND:       Pod',
          'VERSION:    v1',
          '',
          'FIELD: containers <[]Container>',
          '',
          '',
          'DESCRIPTION:',
          '    List of containers belonging to the pod. Containers cannot currently be',
          '    added or removed. There must be at least one container in a Pod. Cannot be',
          '    updated.',
          '    A single application container that you want to run within a pod.',
          '    ',
          'FIELDS:',
          '  args\t<[]string>',
          "    Arguments to the entrypoint. The container image's CMD is used if this is",
          '    not provided. Variable references $(VAR_NAME) are expanded using the',
          "    container's environment. If a variable cannot be resolved, the reference in",
          '    the input string will be unchanged. Double $$ are reduced to a single $,',
          '    which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will',
          '    produce the string literal "$(VAR_NAME)". Escaped references will never be',
          '    expanded, regardless of whether the variable exists or not. Cannot be',
          '    updated. More info:',
          '    https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
          '',
          '  command\t<[]string>',
        ].join('\n'),
      ),
    ).toBe(true);
    expect(text).toContain('\n  env\t<[]EnvVar>\n');
    expect(text).toContain('\n  imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never\n');
    expect(text).toContain(
      '\n  name\t<string> -required-\n    Name of the container specified as a DNS_LABEL.',
    );
    expect(text).toContain('\n  resources\t<ResourceRequirements>\n');
    expect(text).toContain('\n  ports\t<[]ContainerPort>\n');
    expect(text.endsWith('\n\n\n')).toBe(true);
  });

  it('names the special types as kubectl does', () => {
    const fieldType = (apiVersion: string, kind: string, path: string[]) =>
      explain({ apiVersion, kind }, path)?.field?.type;
    expect(fieldType('v1', 'Pod', ['spec', 'containers', 'resources', 'limits'])).toBe('map[string]Quantity');
    expect(fieldType('v1', 'Pod', ['metadata', 'labels'])).toBe('map[string]string');
    expect(fieldType('v1', 'Pod', ['metadata', 'creationTimestamp'])).toBe('string');
    expect(fieldType('v1', 'Service', ['spec', 'ports', 'targetPort'])).toBe('IntOrString');
    expect(fieldType('v1', 'Pod', ['spec', 'containers', 'ports', 'containerPort'])).toBe('integer');
    expect(fieldType('v1', 'Pod', ['spec', 'hostNetwork'])).toBe('boolean');
    expect(fieldType('apps/v1', 'ControllerRevision', ['data'])).toBe('RawExtension');
    const limits = explain({ apiVersion: 'v1', kind: 'Pod' }, ['spec', 'containers', 'resources', 'limits'])!;
    expect(limits.description).toMatch(
      /^Limits describes the maximum amount of compute resources allowed\. .*\nQuantity is a fixed-point representation of a number\./s,
    );
    const maxSurge = explain({ apiVersion: 'apps/v1', kind: 'Deployment' }, [
      'spec',
      'strategy',
      'rollingUpdate',
      'maxSurge',
    ])!;
    expect(maxSurge.description).toContain('\nIntOrString is a type that can hold an int32 or a string.');
  });

  it('explains a resource and the FIELD enum block', () => {
    const pod = renderExplain(explain({ apiVersion: 'v1', kind: 'Pod' }, [])!);
    expect(
      pod.startsWith(
        'KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n',
      ),
    ).toBe(true);
    expect(pod).toContain('\n  metadata\t<ObjectMeta>\n');
    const restart = renderExplain(explain({ apiVersion: 'v1', kind: 'Pod' }, ['spec', 'restartPolicy'])!);
    expect(
      restart.startsWith(
        'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n    Restart policy for all containers within the pod.',
      ),
    ).toBe(true);
  });

  it('lists nested fields in recursive mode', () => {
    const text = renderExplain(
      explain({ apiVersion: 'apps/v1', kind: 'Deployment' }, ['spec', 'strategy'], { recursive: true })!,
    );
    expect(text).toContain(
      'FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n  enum: Recreate, RollingUpdate\n',
    );
  });

  it('returns undefined for fields and kinds that do not exist', () => {
    expect(explain({ apiVersion: 'apps/v1', kind: 'Deployment' }, ['spec', 'replicass'])).toBeUndefined();
    expect(explain({ apiVersion: 'v1', kind: 'Pod' }, ['metadata', 'labels', 'app'])).toBeUndefined();
    expect(explain({ apiVersion: 'v1', kind: 'Deployment' }, [])).toBeUndefined();
  });

  it('wraps as mitchellh/go-wordwrap does', () => {
    expect(wrapString('foo bar baz', 3)).toBe('foo\nbar\nbaz');
    expect(wrapString('foobarbaz', 3)).toBe('foobarbaz');
    expect(wrapString('a b\n\nc d', 10)).toBe('a b\n\nc d');
    expect(wrapString('one two three four', 9)).toBe('one two\nthree\nfour');
  });
});

describe('jsonSchemaFor', () => {
  it('describes a Deployment for the editor', () => {
    const s = jsonSchemaFor('apps/v1', 'Deployment')!;
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.$ref).toBe('#/definitions/io.k8s.api.apps.v1.Deployment');
    expect(s['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
    const defs = s.definitions as Record<string, JsonSchema>;
    const deployment = defs['io.k8s.api.apps.v1.Deployment']!;
    expect(deployment).toMatchObject({ type: 'object', additionalProperties: false });
    const props = deployment.properties as Record<string, JsonSchema>;
    expect(props.apiVersion).toMatchObject({ type: 'string', enum: ['apps/v1'] });
    expect(props.kind).toMatchObject({ type: 'string', enum: ['Deployment'] });
    expect(props.metadata).toMatchObject({
      $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    });
    const spec = defs['io.k8s.api.apps.v1.DeploymentSpec']!;
    expect(spec.required).toEqual(['selector', 'template']);
    expect((spec.properties as Record<string, JsonSchema>).replicas).toMatchObject({
      type: 'integer',
      format: 'int32',
    });
    const rolling = defs['io.k8s.api.apps.v1.RollingUpdateDeployment']!.properties as Record<
      string,
      JsonSchema
    >;
    expect(rolling.maxSurge).toMatchObject({
      'x-kubernetes-int-or-string': true,
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    const container = defs['io.k8s.api.core.v1.Container']!.properties as Record<string, JsonSchema>;
    expect(container.imagePullPolicy).toMatchObject({
      type: 'string',
      enum: ['Always', 'IfNotPresent', 'Never'],
    });
    // Only what a Deployment reaches.
    expect(defs['io.k8s.api.core.v1.Service']).toBeUndefined();
    expect(jsonSchemaFor('v1', 'Nope')).toBeUndefined();
  });
});
