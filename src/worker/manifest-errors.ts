import { LineCounter, parseAllDocuments } from 'yaml';
import type { ApiServer } from '../engine/api/apiserver';
import type { Clock } from '../engine/clock';
import type { ManifestError } from '../engine/protocol';
import { isFailure, loadManifests } from '../kubectl/manifests';
import type { Manifest, ManifestFailure } from '../kubectl/manifests';

const FILE = 'manifest.yaml';

/**
 * Places kubectl's apply errors at their line in the editor's text: a YAML error at go-yaml's line
 * within its document, a rejected object at its document, and a field error (`spec.replicas: Invalid
 * value`, `unknown field "spec.replicass"`) at the field itself. The message stays kubectl's own.
 */
export function manifestErrors(text: string, stderr: string, env: { api: ApiServer; clock: Clock }): ManifestError[] {
  const lines = errorMessages(stderr);
  if (!lines.length) return [];
  const entries = loadManifests([FILE], { api: env.api, clock: env.clock, namespace: 'default', io: { readFile: () => text } });
  const manifests = entries.filter((e): e is Manifest => !isFailure(e));
  // The document kubectl stopped at (a YAML error ends the stream; a mapping error is per document).
  const failed = entries.find((e): e is ManifestFailure => isFailure(e) && e.line !== undefined);
  const docs = yamlDocuments(text);
  return lines.map((message) => ({ message, ...lineOf(message) }));

  function lineOf(message: string): { line?: number } {
    const yamlLine = /yaml: line (\d+):/.exec(message)?.[1];
    if (yamlLine) {
      return { line: (failed?.line ?? 1) + Number(yamlLine) - 1 };
    }
    if (/^error: (error validating|resource mapping not found|error parsing)/.test(message)) {
      return failed ? { line: failed.line! } : {};
    }
    const m = target(message);
    if (!m) return {};
    const field = /unknown field "([^"]+)"/.exec(message)?.[1] ?? /is invalid: ([\w.[\]-]+): /.exec(message)?.[1] ?? /Go struct field \w+\.([\w.[\]]+) of type/.exec(message)?.[1];
    if (field) {
      const at = fieldLine(m.line, field);
      if (at !== undefined) return { line: at };
    }
    return { line: m.line };
  }

  /** The manifest an error names: by kind and name (`The Deployment "web" is invalid`), else by kind. */
  function target(message: string): Manifest | undefined {
    const named = /(?:The (\w+) "([^"]+)")|(?:(\w+) in version "[^"]*" cannot be handled)/.exec(message);
    const kind = named?.[1] ?? named?.[3];
    const name = named?.[2] ?? /"([^"]+)"(?: already exists| not found|: )/.exec(message)?.[1];
    return (
      manifests.find((x) => (!kind || x.obj.kind === kind) && (!name || x.obj.metadata?.name === name)) ??
      manifests.find((x) => kind !== undefined && x.obj.kind === kind) ??
      manifests.find((x) => name !== undefined && x.obj.metadata?.name === name)
    );
  }

  /** The line of `spec.template.spec.containers[0].image` inside the document starting at `start`. */
  function fieldLine(start: number, path: string): number | undefined {
    const doc = docs.find((d) => d.startLine <= start && start <= d.endLine) ?? docs.find((d) => d.startLine >= start);
    if (!doc) return undefined;
    const segments = path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    // The deepest part of the path that exists: an unknown field points at its parent's line otherwise.
    for (let n = segments.length; n > 0; n--) {
      const line = doc.lineOf(segments.slice(0, n));
      if (line !== undefined) return line;
    }
    return undefined;
  }
}

const ERROR_START = /^(error: |Error from server|The \w+ "[^"]*" is invalid|Warning: |unable to |the path )/;

/**
 * kubectl's stderr as one message per error: continuation lines (a patch's JSON, `to:`, `for:`) join the
 * error they belong to; `The Service "s" is invalid:` with a bullet per field becomes one message per
 * field (`The Service "s" is invalid: spec.ports[0].port: Invalid value: ...`), so each finds its line.
 * Warnings are not errors.
 */
export function errorMessages(stderr: string): string[] {
  const out: string[] = [];
  let invalidHeader: string | undefined;
  for (const line of stderr.split('\n')) {
    if (line.trim() === '') continue;
    const bullet = /^\* (.*)$/.exec(line);
    if (bullet && invalidHeader !== undefined) {
      out.push(`${invalidHeader} ${bullet[1]}`);
      continue;
    }
    if (ERROR_START.test(line) || out.length === 0) {
      invalidHeader = /^The \w+ "[^"]*" is invalid:\s*$/.test(line) ? line.trimEnd() : undefined;
      if (invalidHeader === undefined) out.push(line);
      continue;
    }
    out[out.length - 1] += `\n${line}`;
  }
  return out.filter((m) => !m.startsWith('Warning: '));
}

interface YamlDoc {
  startLine: number;
  endLine: number;
  lineOf(path: Array<string | number>): number | undefined;
}

function yamlDocuments(text: string): YamlDoc[] {
  const counter = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  return docs.map((d) => {
    const [start, , end] = d.range;
    return {
      startLine: counter.linePos(start).line,
      endLine: counter.linePos(Math.max(start, end - 1)).line,
      lineOf(path) {
        // The key's line for a mapping entry, so `replicas: -1` marks the line that says so.
        const parent = path.length > 1 ? d.getIn(path.slice(0, -1), true) : d.contents;
        const last = path[path.length - 1];
        const items = (parent as { items?: Array<{ key?: { value?: unknown; range?: number[] }; range?: number[] }> } | null)?.items;
        if (items && typeof last === 'string') {
          const pair = items.find((p) => p.key?.value === last);
          if (pair?.key?.range) return counter.linePos(pair.key.range[0]!).line;
        }
        if (items && typeof last === 'number') {
          const item = items[last] as { range?: number[] } | undefined;
          if (item?.range) return counter.linePos(item.range[0]!).line;
        }
        return undefined;
      },
    };
  });
}
