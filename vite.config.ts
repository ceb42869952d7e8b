import { fileURLToPath } from 'node:url';
import { defineConfig, runnerImport } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { manifestJsonSchema } from './src/ui/editor/manifestSchema.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `virtual:kubesim/manifest-schema`: the editor's JSON Schema, computed at build time from the
 * engine's API schema (src/engine/api/schema.ts over generated/schema.json, which `npm run
 * gen:schema` writes). The engine module is loaded through Vite's module runner when the editor's
 * chunk asks for it, so the config does not depend on the engine (editing the engine does not
 * restart the dev server) and only the editor's lazy chunk carries the schema.
 */
function manifestSchema(): Plugin {
  const id = 'virtual:kubesim/manifest-schema';
  const resolved = `\0${id}`;
  return {
    name: 'kubesim-manifest-schema',
    resolveId: (source) => (source === id ? resolved : undefined),
    async load(source) {
      if (source !== resolved) return undefined;
      const { module: api, dependencies } = await runnerImport<typeof import('./src/engine/api/schema')>(
        `${root}src/engine/api/schema.ts`,
        { root, logLevel: 'warn' },
      );
      for (const file of dependencies) this.addWatchFile(file);
      const kinds = api.servedKinds().map(({ apiVersion, kind }) => {
        const schema = api.jsonSchemaFor(apiVersion, kind);
        if (!schema) throw new Error(`no JSON schema for ${apiVersion}/${kind}`);
        return { apiVersion, kind, schema };
      });
      // JSON.parse of a string literal is faster to load than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(manifestJsonSchema(kinds)))});`;
    },
  };
}

export default defineConfig({
  plugins: [react(), manifestSchema()],
  resolve: {
    alias: [
      // monaco-yaml's worker (through monaco-worker-manager) imports monaco-editor/esm/vs/...,
      // which monaco-editor 0.57's exports map spells monaco-editor/... (it maps ./* to ./esm/vs/*).
      { find: /^monaco-editor\/esm\/vs\/(.*?)(\.js)?$/, replacement: 'monaco-editor/$1' },
    ],
  },
  optimizeDeps: {
    // Imported only from Web Workers, which the dev server's dependency scan does not crawl: listed
    // so the first `npm start` does not discover them late and reload the page twice.
    include: ['yaml', 'monaco-yaml/yaml.worker.js'],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
