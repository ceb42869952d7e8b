/**
 * One JSON Schema for every manifest the editor may hold, built at build time (vite.config.ts) from
 * the per-kind schemas the engine derives from `kubernetes-types` (`jsonSchemaFor` in
 * src/engine/api/schema.ts). This module is pure so the build can call it and tests can check it;
 * the UI itself only ever sees its output (the `virtual:kubesim/manifest-schema` module).
 *
 * `apiVersion` and `kind` select the definition: one `if`/`then` per served kind, which
 * yaml-language-server follows for validation, completion and hover alike. Before a kind is written
 * only `apiVersion` and `kind` are offered (with every served value); a kind written with an
 * apiVersion that does not serve it is flagged with the versions that do.
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface KindSchema {
  apiVersion: string;
  kind: string;
  /** A draft-07 schema whose `$ref` points into its own `definitions`. */
  schema: JsonSchema;
}

const API_VERSION_DOC =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/** kubectl also reads `kind: List` (v1): a list of any objects, each applied on its own. */
const LIST = { apiVersion: 'v1', kind: 'List' };

function definitionsOf(s: JsonSchema): Record<string, JsonSchema> {
  return (s.definitions ?? {}) as Record<string, JsonSchema>;
}

function rootName(s: JsonSchema): string {
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/'))
    throw new Error(`kind schema without a root $ref: ${String(ref)}`);
  return ref.slice('#/definitions/'.length);
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The type as `kubectl explain` names it: `string`, `[]Container`, `map[string]string`, `IntOrString`. */
export function typeLabel(p: JsonSchema): string {
  if (typeof p.$ref === 'string') return p.$ref.slice(p.$ref.lastIndexOf('.') + 1);
  if (p['x-kubernetes-int-or-string']) {
    return Array.isArray(p.anyOf) && (p.anyOf[0] as JsonSchema | undefined)?.type === 'number'
      ? 'Quantity'
      : 'IntOrString';
  }
  if (p['x-kubernetes-preserve-unknown-fields']) return 'Object';
  if (p.type === 'array') return `[]${p.items ? typeLabel(p.items as JsonSchema) : 'Object'}`;
  if (p.type === 'object')
    return `map[string]${p.additionalProperties ? typeLabel(p.additionalProperties as JsonSchema) : 'Object'}`;
  if (p.type === 'string' && p.format === 'date-time') return 'Time';
  return typeof p.type === 'string' ? p.type : 'Object';
}

/**
 * Titles are what the editor's hover heads its documentation with (and what names the schema in
 * its messages): a definition is titled by its type (`DeploymentSpec`), a field by its name and type
 * (`replicas: integer`), the alternatives of an int-or-string by their own types.
 */
function titled(name: string, def: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [field, p] of Object.entries((def.properties ?? {}) as Record<string, JsonSchema>)) {
    const out: JsonSchema = { title: `${field}: ${typeLabel(p)}`, ...p };
    if (Array.isArray(p.anyOf))
      out.anyOf = (p.anyOf as JsonSchema[]).map((alt) => ({ title: String(alt.type), ...alt }));
    properties[field] = out;
  }
  return def.properties
    ? { title: name.slice(name.lastIndexOf('.') + 1), ...def, properties }
    : { title: name.slice(name.lastIndexOf('.') + 1), ...def };
}

export function manifestJsonSchema(kinds: readonly KindSchema[]): JsonSchema {
  const merged: Record<string, JsonSchema> = {};
  // Shared definitions are identical across kinds; a kind's root definition differs (its apiVersion
  // and kind admit one value each), so roots are written last and win over a plain copy.
  for (const k of kinds) Object.assign(merged, definitionsOf(k.schema));
  for (const k of kinds) {
    const root = rootName(k.schema);
    const def = definitionsOf(k.schema)[root];
    if (def) merged[root] = def;
  }
  const definitions: Record<string, JsonSchema> = {};
  for (const name of Object.keys(merged).sort()) definitions[name] = titled(name, merged[name]!);

  const versionsByKind = new Map<string, string[]>();
  for (const k of [...kinds, LIST])
    versionsByKind.set(k.kind, [...(versionsByKind.get(k.kind) ?? []), k.apiVersion]);

  const conditions: JsonSchema[] = [];
  for (const [kind, versions] of [...versionsByKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    conditions.push({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { properties: { apiVersion: { enum: sorted(versions) } } },
    });
  }
  for (const k of kinds) {
    conditions.push({
      if: {
        properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: `#/definitions/${rootName(k.schema)}` },
    });
  }
  conditions.push({
    if: {
      properties: { apiVersion: { const: LIST.apiVersion }, kind: { const: LIST.kind } },
      required: ['apiVersion', 'kind'],
    },
    then: {
      properties: {
        apiVersion: { type: 'string', description: API_VERSION_DOC },
        kind: { type: 'string', description: KIND_DOC },
        metadata: { description: 'Standard list metadata.', type: 'object' },
        items: {
          description: 'The objects of the list, each applied on its own.',
          type: 'array',
          items: { $ref: '#' },
        },
      },
      required: ['items'],
      additionalProperties: false,
    },
  });

  // The lists of every served apiVersion and kind check and complete a value only while it is not
  // one of them: once it is, the hover documents the field rather than listing 86 kinds (the
  // condition is a `not`, whose schemas the hover skips).
  const apiVersions = sorted([...kinds, LIST].map((k) => k.apiVersion));
  const kindNames = sorted([...kinds, LIST].map((k) => k.kind));
  const unlessOneOf = (field: string, values: string[]): JsonSchema => ({
    if: { properties: { [field]: { not: { enum: values } } } },
    then: { properties: { [field]: { enum: values } } },
  });

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes object',
    description: 'A Kubernetes object: apiVersion and kind say which one.',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { title: 'apiVersion: string', type: 'string', description: API_VERSION_DOC },
      kind: { title: 'kind: string', type: 'string', description: KIND_DOC },
    },
    allOf: [unlessOneOf('apiVersion', apiVersions), unlessOneOf('kind', kindNames), ...conditions],
    definitions,
  };
}
