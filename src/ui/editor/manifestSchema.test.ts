import { describe, expect, it } from 'vitest';
import { manifestJsonSchema, typeLabel } from './manifestSchema';
import type { JsonSchema, KindSchema } from './manifestSchema';

const meta = { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false };
function kind(apiVersion: string, k: string, def: string, props: Record<string, JsonSchema>): KindSchema {
  return {
    apiVersion,
    kind: k,
    schema: {
      $ref: `#/definitions/${def}`,
      definitions: {
        [def]: {
          type: 'object',
          properties: {
            apiVersion: { type: 'string', enum: [apiVersion] },
            kind: { type: 'string', enum: [k] },
            ...props,
          },
          additionalProperties: false,
        },
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': meta,
      },
    },
  };
}

const deployment = kind('apps/v1', 'Deployment', 'io.k8s.api.apps.v1.Deployment', {
  metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
  spec: { type: 'object', additionalProperties: { type: 'string' } },
});
const pod = kind('v1', 'Pod', 'io.k8s.api.core.v1.Pod', {
  metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
});
const hpa1 = kind(
  'autoscaling/v1',
  'HorizontalPodAutoscaler',
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
  {},
);
const hpa2 = kind(
  'autoscaling/v2',
  'HorizontalPodAutoscaler',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  {},
);

describe('manifestJsonSchema', () => {
  const schema = manifestJsonSchema([deployment, pod, hpa1, hpa2]);
  const defs = schema.definitions as Record<string, JsonSchema>;
  const allOf = schema.allOf as JsonSchema[];

  it("selects each kind's definition by apiVersion and kind", () => {
    expect(allOf).toContainEqual({
      if: {
        properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' },
    });
    expect(schema.required).toEqual(['apiVersion', 'kind']);
  });

  it('names the apiVersions that serve a kind', () => {
    expect(allOf).toContainEqual({
      if: { properties: { kind: { const: 'HorizontalPodAutoscaler' } }, required: ['kind'] },
      then: { properties: { apiVersion: { enum: ['autoscaling/v1', 'autoscaling/v2'] } } },
    });
  });

  it('lists every served kind (and List) only for a value that is none of them', () => {
    expect(allOf).toContainEqual({
      if: {
        properties: { kind: { not: { enum: ['Deployment', 'HorizontalPodAutoscaler', 'List', 'Pod'] } } },
      },
      then: { properties: { kind: { enum: ['Deployment', 'HorizontalPodAutoscaler', 'List', 'Pod'] } } },
    });
  });

  it('keeps shared definitions once and titles definitions and fields for the hover', () => {
    expect(Object.keys(defs)).toHaveLength(5);
    expect(defs['io.k8s.api.apps.v1.Deployment']!.title).toBe('Deployment');
    const props = defs['io.k8s.api.apps.v1.Deployment']!.properties as Record<string, JsonSchema>;
    expect(props.metadata!.title).toBe('metadata: ObjectMeta');
    expect(props.spec!.title).toBe('spec: map[string]string');
    expect(props.kind!.enum).toEqual(['Deployment']);
  });

  it('names types as kubectl explain does', () => {
    expect(typeLabel({ type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' } })).toBe(
      '[]Container',
    );
    expect(
      typeLabel({ anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }),
    ).toBe('IntOrString');
    expect(
      typeLabel({ anyOf: [{ type: 'number' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }),
    ).toBe('Quantity');
    expect(typeLabel({ type: 'string', format: 'date-time' })).toBe('Time');
    expect(typeLabel({ type: 'integer', format: 'int32' })).toBe('integer');
  });
});
