/**
 * Monaco, as the manifest editor needs it: the editor core, the YAML grammar and the features a
 * learner uses (hover, completion, find, folding, comments, marker navigation), nothing else, all
 * bundled locally (no CDN). monaco-yaml runs yaml-language-server in its own worker with the
 * Kubernetes schema. Only the editor's lazy chunk imports this module.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml } from 'monaco-yaml';
import type { MonacoYamlOptions } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';

export { monaco };

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/**
 * monaco-yaml 5.5 (through monaco-worker-manager) creates its worker with the options Monaco took
 * before 0.55 (`{ label, moduleId, createData }`); Monaco 0.57 wants the Worker itself. This adapter
 * makes the Worker and sends what the yaml worker's bootstrap expects before Monaco's own messages:
 * one message it ignores, then its createData (the schemas and options).
 * See https://github.com/remcohaszing/monaco-yaml/issues/272.
 */
type CreateWebWorker = typeof monaco.editor.createWebWorker;
interface LegacyWorkerOptions {
  label?: string;
  moduleId?: string;
  createData?: unknown;
}

const createWebWorker: CreateWebWorker = (opts) => {
  if ('worker' in opts && opts.worker) return monaco.editor.createWebWorker(opts);
  const legacy = opts as unknown as LegacyWorkerOptions;
  const worker = globalThis.MonacoEnvironment!.getWorker!(
    legacy.moduleId ?? 'workerMain.js',
    legacy.label ?? 'editorWorkerService',
  );
  const ready = Promise.resolve(worker).then((w) => {
    w.postMessage('ignore');
    w.postMessage(legacy.createData);
    return w;
  });
  return monaco.editor.createWebWorker({ worker: ready });
};

/**
 * While a manifest has a YAML syntax error, yaml-language-server still checks the half-parsed tree
 * against the schema and flags most of the document ("Missing property selector", "Incorrect
 * type"). A learner needs the one syntax error, so schema markers wait until the YAML parses.
 */
const setModelMarkers: typeof monaco.editor.setModelMarkers = (model, owner, markers) => {
  const syntaxError = markers.some((m) => m.severity === monaco.MarkerSeverity.Error && m.source === 'YAML');
  monaco.editor.setModelMarkers(
    model,
    owner,
    syntaxError ? markers.filter((m) => !m.source?.startsWith('yaml-schema')) : markers,
  );
};

let configured = false;

/** Gives yaml-language-server the Kubernetes schema for every model (once). */
export function configureYaml(schema: { [keyword: string]: unknown }): void {
  if (configured) return;
  configured = true;
  const editorApi = Object.assign(Object.create(monaco.editor) as typeof monaco.editor, {
    createWebWorker,
    setModelMarkers,
  });
  const options: MonacoYamlOptions & { hoverSchemaSource: boolean } = {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    completion: true,
    // yaml-language-server's own setting (passed through to the worker): no "Source:" link under
    // each hover, since the schema lives in the bundle, not at its uri.
    hoverSchemaSource: false,
    schemas: [{ uri: 'https://kubesim.local/schemas/kubernetes.json', fileMatch: ['*'], schema }],
  };
  configureMonacoYaml(
    { ...monaco, editor: editorApi } as unknown as Parameters<typeof configureMonacoYaml>[0],
    options,
  );
}
