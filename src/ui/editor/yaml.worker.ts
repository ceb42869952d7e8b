// The yaml language server (yaml-language-server inside monaco-yaml), bundled as a module worker.
// A local entry rather than monaco-yaml/yaml.worker.js itself, as monaco-yaml's README advises for Vite.
import 'monaco-yaml/yaml.worker.js';
