import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { nameOf, parseOutputFormat, printCustomColumns, printJsonPath, printObjects, printable } from './output';

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: 'u', resourceVersion: '7', creationTimestamp: '2026-01-05T09:00:00Z', managedFields: [{ manager: 'kubectl' }] },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra },
  }) as KubeObject;

describe('generic output', () => {
  it('[KC-GET12] -o name: kind/name for the core group, kind.group/name otherwise', () => {
    expect(nameOf(pod('web'))).toBe('pod/web');
    expect(nameOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toBe('deployment.apps/web');
  });

  it('[KC-GET10] a single named object prints as itself, anything else as a List; managedFields are dropped', () => {
    expect(printObjects([pod('web')], { kind: 'yaml' }, { singleItem: true })).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2026-01-05T09:00:00Z"\n  name: web\n  namespace: default\n  resourceVersion: "7"\n  uid: u\nspec:\n  containers:\n  - image: nginx\n    name: app\n',
    );
    expect(printObjects([], { kind: 'yaml' }, { singleItem: false })).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    const list = printable([pod('a')], false, true) as { items: Array<{ metadata: Record<string, unknown> }> };
    expect(list.items[0]!.metadata.managedFields).toEqual([{ manager: 'kubectl' }]);
  });

  it('[KC-GET11] -o json of a List', () => {
    expect(printObjects([], { kind: 'json' }, { singleItem: false })).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });

  it('[KC-GET13] jsonpath errors carry the template and a %#v dump of the object', () => {
    expect(() => printJsonPath('{.items[}', {})).toThrow('error parsing jsonpath {.items[}, unterminated array');
    let msg = '';
    try {
      printJsonPath('{.items[0].metadata.name}', { apiVersion: 'v1', items: [], kind: 'List' });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toBe(
      'error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n' +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List"}\n\n',
    );
  });

  it('[KC-GET14] custom columns: <none> for missing values, several joined by commas, --no-headers', () => {
    const items = [pod('web', { nodeName: 'node-1' }), pod('db', { containers: [{ name: 'pg', image: 'postgres' }, { name: 'side', image: 'busybox' }] })];
    const spec = 'NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image';
    expect(printCustomColumns(spec, items)).toBe('NAME   NODE     IMAGES\nweb    node-1   nginx\ndb     <none>   postgres,busybox\n');
    expect(printCustomColumns(spec, items, true)).toBe('web   node-1   nginx\ndb    <none>   postgres,busybox\n');
    expect(() => printCustomColumns('NAME', items)).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  });

  it('[KC-GET13] -o parsing: unknown formats and empty templates in kubectl\'s words', () => {
    expect(parseOutputFormat('wide')).toEqual({ kind: 'table', wide: true });
    expect(parseOutputFormat('jsonpath={.a}')).toEqual({ kind: 'jsonpath', template: '{.a}', asJson: false });
    expect(() => parseOutputFormat('jsonpath=')).toThrow('template format specified but no template given');
    expect(() => parseOutputFormat('xml')).toThrow(
      'unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
  });
});
