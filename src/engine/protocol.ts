/**
 * The one typed message protocol between the UI (main thread) and the engine (Web Worker). The UI
 * imports nothing else from the engine. Requests carry an id that the response echoes.
 */
export const PROTOCOL_VERSION = 1;

export interface ClusterSummary {
  /** Simulated time, ms since the epoch. */
  time: number;
  resourceVersion: string;
  nodes: Array<{ name: string; ready: boolean; controlPlane: boolean }>;
  pods: Array<{ namespace: string; name: string; node: string | null; phase: string }>;
}

export type Request =
  | { id: number; type: 'hello'; version: number }
  | { id: number; type: 'summary' }
  | { id: number; type: 'advance'; ms: number };

export type Response =
  | { id: number; type: 'hello'; version: number }
  | { id: number; type: 'summary'; summary: ClusterSummary }
  | { id: number; type: 'error'; message: string };

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
