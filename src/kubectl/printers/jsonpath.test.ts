import { describe, expect, it } from 'vitest';
import { JSONPath, relaxedJSONPathExpression } from './jsonpath';

const data = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      status: { conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False' }], podIP: '10.244.1.2' },
    },
    {
      metadata: { name: 'db', labels: { app: 'db' } },
      spec: { containers: [{ name: 'pg', image: 'postgres:16', ports: [{ containerPort: 5432 }] }, { name: 'side', image: 'busybox' }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    },
  ],
};

function run(template: string, value: unknown = data): string {
  const jp = new JSONPath('out').allowMissingKeys(true);
  jp.parse(template);
  return jp.execute(value);
}

describe('jsonpath', () => {
  it('[KC-GET13] joins the results of one action with spaces and adds nothing at the end', () => {
    expect(run('{.items[*].metadata.name}')).toBe('web db');
    expect(run('{.items[0].spec.containers[*].image}')).toBe('nginx:1.25');
  });

  it('[KC-GET13] ranges with quoted text', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}')).toBe('web\t10.244.1.2\ndb\t\n');
  });

  it('[KC-GET13] filters with ==, != and existence', () => {
    expect(run('{.items[*].status.conditions[?(@.type=="Ready")].status}')).toBe('False True');
    expect(run('{.items[?(@.status.podIP)].metadata.name}')).toBe('web');
    expect(run("{.items[?(@.metadata.name!='web')].metadata.name}")).toBe('db');
    expect(run('{.items[*].spec.containers[*].ports[?(@.containerPort>100)].containerPort}')).toBe('5432');
  });

  it('[KC-GET13] indexes, slices, negative indexes, unions and dict keys', () => {
    expect(run('{.items[-1].metadata.name}')).toBe('db');
    expect(run('{.items[0:1].metadata.name}')).toBe('web');
    expect(run('{.items[1].spec.containers[0,1].name}')).toBe('pg side');
    expect(run("{.items[0].metadata.labels['app']}")).toBe('web');
    expect(run('{.items[0].status.conditions[0].status}')).toBe('True');
  });

  it('[KC-GET13] prints maps and lists as compact JSON and text outside actions as is', () => {
    expect(run('labels: {.items[0].metadata.labels}')).toBe('labels: {"app":"web"}');
    expect(run('{.items[0].spec.containers[0].ports}')).toBe('[{"containerPort":80}]');
  });

  it('[KC-GET13] recursive descent finds every name in document order', () => {
    expect(run('{..image}')).toBe('nginx:1.25 postgres:16 busybox');
  });

  it('[KC-GET13] missing keys print nothing; an index out of range is an error', () => {
    expect(run('{.items[0].metadata.namespace}')).toBe('');
    expect(() => run('{.items[0].metadata.name}', { items: [] })).toThrow('array index out of bounds: index 0, length 0');
    expect(() => run('{.items.x[0]}', { items: { x: 'no' } })).toThrow('string is not array or slice');
  });

  it('[KC-GET13] parse errors read as the parser says', () => {
    expect(() => run('{.items[}')).toThrow('unterminated array');
    expect(() => run('{.items')).toThrow('unclosed action');
    expect(() => run('{range .items[*]}{end}{end}')).toThrow('not in range, nothing to end');
  });

  it('[KC-GET14] relaxes custom-column and sort-by paths to {.path}', () => {
    expect(relaxedJSONPathExpression('metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJSONPathExpression('.metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJSONPathExpression('{metadata.name}')).toBe('{.metadata.name}');
    expect(relaxedJSONPathExpression('{.metadata.name}')).toBe('{.metadata.name}');
  });
});
