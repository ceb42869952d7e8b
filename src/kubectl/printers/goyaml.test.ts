import { describe, expect, it } from 'vitest';
import { goMarshalIndent, goSharpV, goSprint } from './gojson';
import { resolvesToString, toGoYaml, yamlKeyLess } from './goyaml';

describe('sigs.k8s.io/yaml output', () => {
  it('[KC-GET10] sorts keys at every level and does not indent sequences under a key', () => {
    const out = toGoYaml({
      spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ protocol: 'TCP', containerPort: 80 }] }] },
      kind: 'Pod',
      apiVersion: 'v1',
    });
    expect(out).toBe(
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: nginx\n    name: web\n    ports:\n    - containerPort: 80\n      protocol: TCP\n',
    );
  });

  it("[KC-GET10] orders keys as go-yaml's natural sort: digit runs compare as numbers", () => {
    expect(toGoYaml({ a10: 1, a2: 2, b: 3, 'a-1': 4 })).toBe('a-1: 4\na2: 2\na10: 1\nb: 3\n');
    expect(yamlKeyLess('node-9', 'node-10')).toBe(true);
    expect(yamlKeyLess('app', 'app.kubernetes.io/name')).toBe(true);
  });

  it('[KC-GET10] double-quotes strings that would read back as other types', () => {
    const out = toGoYaml({ a: '80', b: 'true', c: 'y', d: '', e: '2026-01-05T09:00:00Z', f: '1.5', g: '0x1f', h: 'null', i: '1:20' });
    expect(out).toBe('a: "80"\nb: "true"\nc: "y"\nd: ""\ne: "2026-01-05T09:00:00Z"\nf: "1.5"\ng: "0x1f"\nh: "null"\ni: "1:20"\n');
    expect(resolvesToString('10.244.0.5')).toBe(true);
    expect(resolvesToString('v1.33.1')).toBe(true);
    expect(resolvesToString('123')).toBe(false);
  });

  it('[KC-GET10] quotes keys the same way ("n" is a YAML 1.1 boolean)', () => {
    expect(toGoYaml({ n: 1, '443': 'https' })).toBe('"443": https\n"n": 1\n');
  });

  it('[KC-GET10] single-quotes strings a plain scalar cannot hold and double-quotes control characters', () => {
    const out = toGoYaml({ a: 'a: b', b: '[x]', c: '*x', d: '- x', e: "it's", f: 'trailing ', g: 'tab\there', h: '<none>', i: 'a #b' });
    expect(out).toBe("a: 'a: b'\nb: '[x]'\nc: '*x'\nd: '- x'\ne: it's\nf: 'trailing '\ng: \"tab\\there\"\nh: <none>\ni: 'a #b'\n");
  });

  it('[KC-GET10] writes multi-line strings as literal blocks with the right chomping', () => {
    expect(toGoYaml({ a: 'x\ny', b: 'x\n', c: 'x\n\n' })).toBe('a: |-\n  x\n  y\nb: |\n  x\nc: |+\n  x\n\n');
  });

  it('[KC-GET10] folds long strings at the first space past column 80', () => {
    const message =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.';
    expect(toGoYaml({ status: { message } })).toBe(
      "status:\n  message: '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n    }, 3 Insufficient cpu.'\n",
    );
    const plain = 'word '.repeat(20).trim();
    expect(toGoYaml({ m: plain })).toBe(`m: ${'word '.repeat(15)}word\n  word word word word\n`);
  });

  it('[KC-GET10] prints empty collections in flow style and nested sequences inline', () => {
    expect(toGoYaml({ a: {}, b: [], c: [[1, 2], []], d: null, e: false, f: 0.5 })).toBe('a: {}\nb: []\nc:\n- - 1\n  - 2\n- []\nd: null\ne: false\nf: 0.5\n');
  });
});

describe('encoding/json and fmt', () => {
  it('[KC-GET11] indents with four spaces, sorts keys and escapes HTML characters', () => {
    expect(goMarshalIndent({ b: [1, { y: '<a&b>' }], a: {}, c: [] })).toBe(
      '{\n    "a": {},\n    "b": [\n        1,\n        {\n            "y": "\\u003ca\\u0026b\\u003e"\n        }\n    ],\n    "c": []\n}',
    );
  });

  it('[KC-GET14] %v and %#v render unstructured values as Go does', () => {
    expect(goSprint({ b: 'x', a: [1, 2] })).toBe('map[a:[1 2] b:x]');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSharpV({ kind: 'List', items: [] })).toBe('map[string]interface {}{"items":[]interface {}{}, "kind":"List"}');
  });
});
