import type { FlagSpec } from './types';

/**
 * Flag groups kubectl adds to many write commands (cmdutil.AddDryRunFlag, PrintFlags.AddFlags,
 * AddValidateFlags, AddFilenameOptionFlags...), with their usage text as `--help` prints it.
 */

export const dryRunFlag: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
  usage:
    'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export const printFlags: FlagSpec[] = [
  {
    name: 'allow-missing-template-keys',
    type: 'bool',
    default: true,
    usage:
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    usage:
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
  },
  {
    name: 'show-managed-fields',
    type: 'bool',
    usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
  },
  {
    name: 'template',
    type: 'string',
    usage:
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
  },
];

export const validateFlag: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: 'strict',
  noOptDefault: 'strict',
  usage:
    'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

export const saveConfigFlag: FlagSpec = {
  name: 'save-config',
  type: 'bool',
  usage:
    'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
};

export function fieldManagerFlag(value: string): FlagSpec {
  return { name: 'field-manager', type: 'string', default: value, usage: 'Name of the manager used to track field ownership.' };
}

export function filenameFlags(usage: string): FlagSpec[] {
  return [
    { name: 'filename', short: 'f', type: 'stringArray', usage: `Filename, directory, or URL to files ${usage}` },
    {
      name: 'kustomize',
      short: 'k',
      type: 'string',
      usage: "Process a kustomization directory. This flag can't be used together with -f or -R.",
    },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      usage:
        'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
  ];
}

export const selectorFlag: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  usage:
    "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
};

export const fieldSelectorFlag: FlagSpec = {
  name: 'field-selector',
  type: 'string',
  usage:
    "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
};

export const recordFlag: FlagSpec = {
  name: 'record',
  type: 'bool',
  usage:
    'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.',
};

/** `-f a.yaml,b.yaml -f c.yaml`: kubectl's filename flag is a string slice, comma-separated. */
export function filenames(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
}
