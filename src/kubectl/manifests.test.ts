import { describe, expect, it } from 'vitest';
import { kit } from './commands/mutate-testkit';
import type { ManifestEntry } from './manifests';
import { isFailure, loadManifests, readManifests } from './manifests';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function summary(entries: ManifestEntry[]): string[] {
  return entries.map((e) =>
    isFailure(e) ? `ERR ${e.error.message}` : `${e.source}#${e.index}@${e.line} ${e.obj.metadata?.name}`,
  );
}

describe('reading -f', () => {
  it('[KC-MUT1] reads files, several -f, stdin, multi-document YAML, JSON streams and Lists in order', () => {
    const k = kit({
      'a.yaml': `# leading comment\n---\n${cm('a1')}---\n\n---\n# only a comment\n---\n${cm('a2')}`,
      'b.json':
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b1"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b2"}}',
      'l.yaml': `apiVersion: v1\nkind: List\nitems:\n- ${cm('l1').trimEnd().replace(/\n/g, '\n  ')}\n- ${cm('l2').trimEnd().replace(/\n/g, '\n  ')}\n`,
    });
    const env = { ...k.env, io: { ...k.env.io, stdin: cm('s1') } };
    expect(summary(loadManifests(['a.yaml', 'b.json', '-', 'l.yaml'], env))).toEqual([
      'a.yaml#0@3 a1',
      'a.yaml#1@12 a2',
      'b.json#0@1 b1',
      'b.json#1@2 b2',
      'STDIN#0@1 s1',
      'l.yaml#0@1 l1',
      'l.yaml#1@1 l2',
    ]);
  });

  it('[KC-MUT1] reads a directory in name order, only .json/.yaml/.yml, subdirectories with -R', () => {
    const k = kit({
      'dir/b.yml': cm('b'),
      'dir/a.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}',
      'dir/README.md': 'x',
      'dir/sub/c.yaml': cm('c'),
    });
    expect(summary(loadManifests(['dir'], k.env))).toEqual(['dir/a.json#0@1 a', 'dir/b.yml#0@1 b']);
    expect(summary(loadManifests(['./dir/'], k.env, { recursive: true }))).toEqual([
      'dir/a.json#0@1 a',
      'dir/b.yml#0@1 b',
      'dir/sub/c.yaml#0@1 c',
    ]);
  });

  it('[KC-MUT1] YAML 1.1 scalars decode as go-yaml v2 does (on/yes booleans, timestamps and 1:20 stay strings)', () => {
    const k = kit({ 'v.yaml': `${cm('v')}data:\n  a: "on"\n  t: 2026-01-05\n  s: 1:20\nx: yes\n` });
    const [m] = readManifests(['v.yaml'], k.env);
    expect(m!.obj.data).toEqual({ a: 'on', t: '2026-01-05', s: '1:20' });
    expect(m!.obj.x).toBe(true);
  });
});

describe('manifest errors', () => {
  it('[KC-MUT2] a missing path stops everything: the path does not exist', () => {
    const k = kit({ 'a.yaml': cm('a') });
    expect(() => loadManifests(['a.yaml', 'nope.yaml'], k.env)).toThrow(
      'the path "nope.yaml" does not exist',
    );
  });

  it('[KC-MUT2] a YAML syntax error names the file and the line within its document, in go-yaml words', () => {
    const k = kit({
      'x.yaml': `${cm('ok')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: app: web\n---\n${cm('after')}`,
      'tab.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
      'key.yaml': 'apiVersion: v1\nkind Pod\nmetadata:\n  name: x\n',
    });
    // The document before the bad one still counts; the rest of that file does not.
    expect(summary(loadManifests(['x.yaml', 'tab.yaml', 'key.yaml'], k.env))).toEqual([
      'x.yaml#0@1 ok',
      'ERR error parsing x.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context',
      'ERR error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token',
      "ERR error parsing key.yaml: error converting YAML to JSON: yaml: line 3: could not find expected ':'",
    ]);
  });

  it('[KC-MUT2] apiVersion and kind must be set (client-side validation), unknown kinds are a mapping error', () => {
    const k = kit({
      'v.yaml': 'kind: Pod\nmetadata:\n  name: q\n',
      'both.yaml': 'metadata:\n  name: q\n',
      'm.yaml': `apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\n---\n${cm('next')}`,
    });
    expect(summary(loadManifests(['v.yaml', 'both.yaml', 'm.yaml'], k.env))).toEqual([
      'ERR error validating "v.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false',
      'ERR error validating "both.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
      'ERR resource mapping not found for name: "web" namespace: "" from "m.yaml": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first',
      'm.yaml#1@6 next',
    ]);
  });

  it('[KC-MUT2] with -n, an object naming another namespace ends its file', () => {
    const k = kit({ 'n.yaml': `${cm('a')}  namespace: other\n---\n${cm('b')}` });
    expect(summary(loadManifests(['n.yaml'], k.env, { enforceNamespace: true }))).toEqual([
      `ERR the namespace from the provided object "other" does not match the namespace "default". You must pass '--namespace=other' to perform this operation.`,
    ]);
  });

  it('[KC-MUT3] hostile input: alias bombs, deep nesting and huge files are refused with clear errors', () => {
    const bomb =
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const k = kit({
      'bomb.yaml': bomb,
      'deep.yaml': 'a: ' + '['.repeat(200_000) + ']'.repeat(200_000) + '\n',
      'deepjson.json': '{"a":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}',
      'big.yaml': 'a: "' + 'x'.repeat(9 * 1024 * 1024) + '"\n',
    });
    expect(summary(loadManifests(['bomb.yaml', 'deep.yaml', 'deepjson.json', 'big.yaml'], k.env))).toEqual([
      'ERR error parsing bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
      'ERR error parsing deep.yaml: error converting YAML to JSON: yaml: exceeded max depth of 100',
      'ERR error parsing deepjson.json: error converting YAML to JSON: yaml: exceeded max depth of 100',
      'ERR error reading big.yaml: file is larger than the 8388608 bytes kubesim reads',
    ]);
  });

  it('[KC-MUT2] readManifests throws the first error, for callers that need all or nothing', () => {
    const k = kit({ 'x.yaml': `${cm('ok')}---\nfoo: [\n` });
    expect(() => readManifests(['x.yaml'], k.env)).toThrow(
      /^error parsing x.yaml: error converting YAML to JSON: yaml: line/,
    );
  });
});
