import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { complete } from '../complete';
import { kubectl } from '../index';
import { goJsonSyntaxError } from '../jsonsyntax';
import { splitShellWords } from '../shell';
import type { CommandResult } from '../types';
import { kit } from './mutate-testkit';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: blue
  ports:
  - port: 80
`;

/** A Deployment `web` (nginx:1.27, 2 replicas) and the Service `web` selecting app=blue. */
function cluster(files: Record<string, string> = {}) {
  const k = kit({ 'svc.yaml': SVC, ...files });
  k.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  k.run('kubectl apply -f svc.yaml');
  return k;
}

/** Both streams in the order a terminal shows them. */
const shown = (r: CommandResult) =>
  r.interleaved ? r.interleaved.map((p) => p.text).join('') : r.stdout + r.stderr;
const svc = (k: ReturnType<typeof kit>) => k.cluster.api.get<KubeObject>('Service', 'default', 'web');
const deploy = (k: ReturnType<typeof kit>) => k.cluster.api.get<KubeObject>('Deployment', 'default', 'web');

describe('kubectl patch', () => {
  it('[KC-PATCH1] patches TYPE NAME and TYPE/NAME, says (no change) when the object came back equal', () => {
    const k = cluster();
    expect(k.run(`kubectl patch svc web -p '{"spec":{"selector":{"app":"green"}}}'`)).toEqual({
      stdout: 'service/web patched\n',
      stderr: '',
      exitCode: 0,
    });
    expect((svc(k).spec as { selector: object }).selector).toEqual({ app: 'green' });
    expect(k.run(`kubectl patch service/web -p '{"spec":{"selector":{"app":"green"}}}'`).stdout).toBe(
      'service/web patched (no change)\n',
    );
    expect(k.run(`kubectl patch deployment.apps web -p '{"spec":{"replicas":3}}'`).stdout).toBe(
      'deployment.apps/web patched\n',
    );
    expect(k.run(`kubectl patch node node-1 -p '{"spec":{"unschedulable":true}}'`).stdout).toBe(
      'node/node-1 patched\n',
    );
    expect(k.run(`kubectl -n kube-system patch svc kube-dns -p '{"metadata":{"labels":{"x":"y"}}}'`).stdout).toBe(
      'service/kube-dns patched\n',
    );
  });

  it('[KC-PATCH1] reads each named object just before patching it; NotFound does not stop the others', () => {
    const k = cluster();
    const r = k.run(`kubectl patch svc web nope web -p '{"metadata":{"labels":{"a":"b"}}}'`);
    expect(r.stdout).toBe('service/web patched\nservice/web patched (no change)\n');
    expect(r.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    expect(r.exitCode).toBe(1);
    expect(k.run(`kubectl patch svc -p '{}'`).stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(k.run(`kubectl patch -p '{}'`).stderr).toMatch(
      /^error: You must provide one or more resources by argument or filename\.\n/,
    );
  });

  it('[KC-PATCH1] -f patches the objects the file names, compared as the file has them; -o prints what came back', () => {
    const k = cluster();
    expect(k.run(`kubectl patch -f svc.yaml -p '{}'`).stdout).toBe('service/web patched\n');
    expect(k.run(`kubectl patch -f svc.yaml svc web -p '{}'`).stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
    expect(k.run(`kubectl patch -f svc.yaml svc/web -p '{}'`).stderr).toBe(
      'error: resource/name arguments cannot be provided when a path is specified\n',
    );
    k.files.set('empty.yaml', '# nothing\n');
    expect(k.run(`kubectl patch -f empty.yaml -p '{}'`).stderr).toBe('error: no objects passed to patch\n');
    expect(k.run(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}' -o name`).stdout).toBe('service/web\n');
    expect(k.run(`kubectl patch svc web -p '{"metadata":{"labels":{"tier":"front"}}}' -o jsonpath='{.metadata.labels}'`).stdout).toBe(
      '{"tier":"front"}',
    );
    const yaml = k.run(`kubectl patch deploy web -p '{"spec":{"replicas":4}}' -o yaml`).stdout;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(yaml).toContain('\n  replicas: 4\n');
    // The printer is made after the patch is sent, as upstream's ToPrinter is.
    const r = k.run(`kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}' -o wide`);
    expect(r.stderr).toMatch(/^error: unable to match a printer suitable for the output format "wide"/);
    expect((svc(k).spec as { type: string }).type).toBe('ClusterIP');
  });

  it('[KC-PATCH2] strategic merges lists by key, merge replaces them, json addresses positions', () => {
    const k = cluster();
    const image = () =>
      (deploy(k).spec as { template: { spec: { containers: Array<{ name: string; image: string }> } } }).template.spec
        .containers;
    k.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`);
    expect(image().map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.28']]);
    expect(
      k.run(`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.29"}]'`).stdout,
    ).toBe('deployment.apps/web patched\n');
    expect(image()[0]!.image).toBe('nginx:1.29');
    k.run(`kubectl patch svc web --type merge -p '{"spec":{"ports":[{"port":8080}]}}'`);
    expect((svc(k).spec as { ports: Array<{ port: number }> }).ports.map((p) => p.port)).toEqual([8080]);
    expect(k.run(`kubectl patch svc web --type=MERGE -p '{"metadata":{"labels":{"a":null}}}'`).stdout).toBe(
      'service/web patched (no change)\n',
    );
  });

  it('[KC-PATCH2] YAML patches, from -p (with $\'...\') or --patch-file, become JSON', () => {
    const k = cluster({ 'green.yaml': 'spec:\n  selector:\n    app: green\n' });
    expect(splitShellWords(`-p $'spec:\\n replicas: 3\\t# x\\x41\\''`)).toEqual(['-p', "spec:\n replicas: 3\t# xA'"]);
    expect(k.run(`kubectl patch deploy web -p $'spec:\\n replicas: 5'`).stdout).toBe('deployment.apps/web patched\n');
    expect((deploy(k).spec as { replicas: number }).replicas).toBe(5);
    expect(k.run('kubectl patch svc web --patch-file green.yaml').stdout).toBe('service/web patched\n');
    expect(k.run('kubectl patch svc web --patch-file=green.yaml').stdout).toBe('service/web patched (no change)\n');
    // A JSON patch does not start with `{`: it is read as YAML, which JSON is.
    expect(k.run(`kubectl patch svc web --type json -p '[{"op": "add", "path": "/metadata/labels", "value": {"a": "b"}}]'`).stdout).toBe(
      'service/web patched\n',
    );
    expect(svc(k).metadata.labels).toEqual({ a: 'b' });
  });

  it('[KC-PATCH3] refuses bad flags and unreadable patches in kubectl words, before any request', () => {
    const k = cluster();
    const err = (line: string) => k.run(line).stderr;
    expect(err(`kubectl patch svc web -p '{}' --patch-file x.yaml`)).toBe(
      'error: cannot specify --patch and --patch-file together\n',
    );
    expect(err('kubectl patch svc web')).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
    expect(err(`kubectl patch svc web --local -p '{}'`)).toBe('error: cannot specify --local and server resources\n');
    expect(err(`kubectl patch -f svc.yaml --local --dry-run=server -p '{}'`)).toBe(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n',
    );
    expect(err(`kubectl patch svc web --type apply -p '{}'`)).toBe(
      'error: --type must be one of [json merge strategic], not "apply"\n',
    );
    expect(err(`kubectl patch svc web --subresource resize -p '{}'`)).toBe(
      'error: invalid subresource value: "resize". Must be one of [status scale]\n',
    );
    expect(err('kubectl patch svc web --patch-file nope.yaml')).toBe(
      'error: unable to read patch file: open nope.yaml: no such file or directory\n',
    );
  });

  it('[KC-PATCH3] a YAML patch go-yaml refuses: unable to parse, the -p text %q-quoted, no line on one line', () => {
    const k = cluster({ 'bad.yaml': 'spec:\n  selector:\n   app: x\n  bad: [1\n' });
    const err = (line: string) => k.run(line).stderr;
    expect(err(`kubectl patch svc web -p 'spec: type: NodePort'`)).toBe(
      'error: unable to parse "spec: type: NodePort": yaml: mapping values are not allowed in this context\n',
    );
    expect(err(`kubectl patch svc web --type json -p '[{"op": "add"'`)).toBe(
      `error: unable to parse "[{\\"op\\": \\"add\\"": yaml: did not find expected ',' or '}'\n`,
    );
    expect(err(`kubectl patch svc web --type json -p "[{'op': 'add', 'path': '/x', 'value': 1]"`)).toBe(
      `error: unable to parse "[{'op': 'add', 'path': '/x', 'value': 1]": yaml: did not find expected ',' or '}'\n`,
    );
    expect(err(`kubectl patch svc web -p 'a: "open'`)).toBe(
      'error: unable to parse "a: \\"open": yaml: found unexpected end of stream\n',
    );
    expect(err('kubectl patch svc web --patch-file bad.yaml')).toMatch(/^error: unable to parse "": yaml: line \d+: /);
  });

  it('[KC-PATCH4] a { patch that is not JSON is refused by the server in encoding/json words', () => {
    const k = cluster();
    const err = (line: string) => k.run(line).stderr;
    expect(err(`kubectl patch svc web -p "{'spec':{'type':'NodePort'}}"`)).toBe(
      "Error from server (BadRequest): invalid character '\\'' looking for beginning of object key string\n",
    );
    expect(err(`kubectl patch svc web --type merge -p '{"spec":{"type":"NodePort"}'`)).toBe(
      'Error from server (BadRequest): error decoding patch: unexpected end of JSON input\n',
    );
    expect(err(`kubectl patch svc web -p '{spec: {type: NodePort}}'`)).toBe(
      "Error from server (BadRequest): invalid character 's' looking for beginning of object key string\n",
    );
    expect(err(`kubectl patch svc web -p '{“spec”: {}}'`)).toBe(
      "Error from server (BadRequest): invalid character 'â' looking for beginning of object key string\n",
    );
    // The object is read first: a missing one is NotFound, whatever the body.
    expect(err(`kubectl patch -f svc.yaml -n other -p '{'`)).toBe(
      'Error from server (NotFound): services "web" not found\n',
    );
  });

  it('[KC-PATCH4] encoding/json scanner messages', () => {
    expect(goJsonSyntaxError('{"a":1}')).toBeUndefined();
    expect(goJsonSyntaxError(' [1, {"b": [true, null, -1.5e+3]}] ')).toBeUndefined();
    expect(goJsonSyntaxError('')).toBe('unexpected end of JSON input');
    expect(goJsonSyntaxError('{"a":1}}')).toBe("invalid character '}' after top-level value");
    expect(goJsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError('{"a":1 "b":2}')).toBe(`invalid character '"' after object key:value pair`);
    expect(goJsonSyntaxError('[1 2]')).toBe("invalid character '2' after array element");
    expect(goJsonSyntaxError('{"a":tru}')).toBe("invalid character '}' in literal true (expecting 'e')");
    expect(goJsonSyntaxError('{"a":"\\x"}')).toBe("invalid character 'x' in string escape code");
    expect(goJsonSyntaxError('{"a":"\u0001"}')).toBe("invalid character '\\x01' in string literal");
    expect(goJsonSyntaxError('{"a":1e}')).toBe("invalid character '}' in exponent of numeric literal");
    expect(goJsonSyntaxError('1.')).toBe("invalid character ' ' after decimal point in numeric literal");
  });

  it('[KC-PATCH4] wrong shapes, unknown fields (a warning, then dropped) and wrong types', () => {
    const k = cluster();
    const err = (line: string) => k.run(line).stderr;
    expect(err(`kubectl patch svc web --type json -p '{"op":"replace","path":"/spec/type","value":"NodePort"}'`)).toBe(
      'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n',
    );
    expect(err(`kubectl patch svc web -p '[]'`)).toBe(
      'Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}\n',
    );
    expect(err(`kubectl patch svc web --type merge -p 'null'`)).toBe('Error from server (BadRequest): Invalid JSON Patch\n');
    const typo = k.run(`kubectl patch svc web -p '{"spec":{"selectr":{"app":"green"}}}'`);
    expect(shown(typo)).toBe('Warning: unknown field "spec.selectr"\nservice/web patched (no change)\n');
    expect(svc(k).spec).not.toHaveProperty('selectr');
    const both = k.run(`kubectl patch svc web --type merge -p '{"spec":{"typ":"NodePort"},"metadata":{"labels":{"a":"b"}}}'`);
    expect(shown(both)).toBe('Warning: unknown field "spec.typ"\nservice/web patched\n');
    expect(err(`kubectl patch deploy web -p '{"spec":{"replicas":"two"}}'`)).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[replicas:two]]": unrecognized type: int32\n',
    );
    expect(err(`kubectl patch svc web -p '{"spec":{"type":5}}'`)).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[type:5]]": cannot convert int64 to v1.ServiceType\n',
    );
    expect(err(`kubectl patch deploy web -p '{"spec":{"template":"x"}}'`)).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[template:x]]": cannot restore struct from: string\n',
    );
    expect(err(`kubectl patch deploy web --type merge -p '{"spec":{"replicas":"two"}}'`)).toMatch(
      /^The request is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",\\"kind\\":\\"Deployment\\",.*\\"replicas\\":\\"two\\".*": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/,
    );
    expect((deploy(k).spec as { replicas: number }).replicas).toBe(2);
  });

  it('[KC-PATCH4] one warning per command; the name and namespace stay the URL\'s', () => {
    const k = cluster();
    k.run('kubectl create service clusterip db --tcp=5432');
    const twice = k.run(`kubectl patch svc web db -p '{"spec":{"selectr":{"app":"x"}}}'`);
    expect(shown(twice)).toBe(
      'Warning: unknown field "spec.selectr"\nservice/web patched (no change)\nservice/db patched (no change)\n',
    );
    expect(k.run(`kubectl patch svc web -p '{"metadata":{"name":"web2"}}'`).stderr).toBe(
      'Error from server (BadRequest): the name of the object (web2) does not match the name on the URL (web)\n',
    );
    expect(k.run(`kubectl patch svc web -p '{"metadata":{"namespace":"other"}}'`).stderr).toBe(
      'Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request\n',
    );
  });

  it('[KC-PATCH4] a failing JSON patch operation and validation errors', () => {
    const k = cluster();
    expect(k.run(`kubectl patch svc web --type json -p '[{"op":"test","path":"/spec/type","value":"NodePort"}]'`).stderr).toBe(
      'The request is invalid: : testing value /spec/type failed: test failed\n',
    );
    expect(k.run(`kubectl patch svc web --type json -p '[{"op":"remove","path":"/spec/nope"}]'`).stderr).toMatch(
      /^The request is invalid: : .*nope/,
    );
    expect(k.run(`kubectl patch svc web -p '{"spec":{"clusterIP":"10.0.0.1"}}'`).stderr).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.0.0.1"}: may not change once set\n',
    );
  });

  it('[KC-PATCH5] dry runs change nothing and print no (dry run); --local patches the file\'s object', () => {
    const k = cluster();
    const rv = svc(k).metadata.resourceVersion;
    expect(k.run(`kubectl patch svc web --dry-run=server -p '{"spec":{"type":"NodePort"}}' -o jsonpath='{.spec.type}'`).stdout).toBe(
      'NodePort',
    );
    expect(k.run(`kubectl patch svc web --dry-run=server -p '{"spec":{"type":"NodePort"}}'`).stdout).toBe(
      'service/web patched\n',
    );
    expect(k.run(`kubectl patch svc web --dry-run=client -p '{"spec":{"type":"NodePort"}}'`).stdout).toBe(
      'service/web patched\n',
    );
    expect(k.run(`kubectl patch svc web --dry-run=client -p '{"spec":{"type":"ClusterIP"}}'`).stdout).toBe(
      'service/web patched (no change)\n',
    );
    expect(k.run(`kubectl patch svc web --dry-run -p '{}'`).stderr).toBe(
      '--dry-run is deprecated and can be replaced with --dry-run=client.\n',
    );
    expect(svc(k).metadata.resourceVersion).toBe(rv);
    const local = k.run(`kubectl patch -f svc.yaml --local -p '{"spec":{"type":"NodePort"}}' -o yaml`);
    expect(local.stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n  selector:\n    app: blue\n  type: NodePort\n',
    );
    expect(k.run(`kubectl patch -f svc.yaml --local --type json -p '[{"op":"replace","path":"/spec/type","value":"NodePort"}]'`).stdout).toBe(
      'service/web patched\n',
    );
    expect(k.run(`kubectl patch -f svc.yaml --local --type merge -p '{'`).stderr).toBe('error: Invalid JSON Patch\n');
    expect(k.run(`kubectl patch -f svc.yaml --local -p '{'`).stderr).toBe('error: unexpected end of JSON input\n');
    expect(k.run(`kubectl patch --local -p '{}'`).stderr).toMatch(/^error: You must provide one or more resources/);
    expect(svc(k).metadata.resourceVersion).toBe(rv);
  });

  it('[KC-PATCH6] --subresource=scale patches the Scale; status patches only the status', () => {
    const k = cluster();
    expect(k.run(`kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":4}}'`).stdout).toBe(
      'scale.autoscaling/web patched\n',
    );
    expect((deploy(k).spec as { replicas: number }).replicas).toBe(4);
    const yaml = k.run(`kubectl patch deploy web --subresource scale -p '{"spec":{"replicas":4}}' -o yaml`).stdout;
    expect(yaml).toMatch(/^apiVersion: autoscaling\/v1\nkind: Scale\nmetadata:\n/);
    expect(yaml).toContain('spec:\n  replicas: 4\nstatus:\n  replicas: ');
    expect(yaml).toContain('  selector: app=web\n');
    expect(k.run(`kubectl patch deploy web --subresource=scale -p '{"spec":{"replicas":4}}'`).stdout).toBe(
      'scale.autoscaling/web patched (no change)\n',
    );
    expect(k.run(`kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":-1}}'`).stderr).toBe(
      'The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
    expect(k.run(`kubectl patch svc web --subresource=scale -p '{}'`).stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
    expect(k.run(`kubectl patch cm kube-root-ca.crt --subresource=status -p '{}'`).stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
    const status = k.run(
      `kubectl patch deploy web --subresource=status --type=merge -p '{"spec":{"replicas":9},"status":{"observedGeneration":42}}' -o jsonpath='{.spec.replicas} {.status.observedGeneration}'`,
    );
    expect(status.stdout).toBe('4 42');
  });

  it('[KC-PATCH7] is listed under Advanced Commands; Tab completes its types, names and --subresource', () => {
    const k = cluster();
    expect(kubectl(['--help'], k.env).stdout).toMatch(/\nAdvanced Commands:\n {2}apply +.*\n {2}patch +Update fields of a resource\n/);
    const tab = (line: string) => complete(line, line.length, { api: k.cluster.api, namespace: 'default' }).candidates;
    expect(tab('kubectl pat')).toEqual(['patch']);
    expect(tab('kubectl patch deploy')).toEqual(['deployments']);
    expect(tab('kubectl patch svc w')).toEqual(['web']);
    expect(tab('kubectl patch deploy/')).toEqual(['deploy/web']);
    expect(tab('kubectl patch deploy web --subresource ')).toEqual(['scale', 'status']);
    expect(tab('kubectl patch deploy web --subresource=s')).toEqual(['scale', 'status']);
  });
});
