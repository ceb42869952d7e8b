declare module 'virtual:kubesim/manifest-schema' {
  /** The editor's JSON Schema for Kubernetes manifests (see manifestSchema.ts and vite.config.ts). */
  const schema: { [keyword: string]: unknown };
  export default schema;
}
