import type { Request, Response } from '../engine/protocol';
import { PROTOCOL_VERSION } from '../engine/protocol';

type Pending = { resolve: (r: Response) => void };
type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The UI's only door to the engine: typed requests to the worker, answered by id. */
export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<Response>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      p?.resolve(e.data);
    };
  }

  request(body: RequestBody): Promise<Response> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ ...body, id } as Request);
    });
  }

  async hello(): Promise<boolean> {
    const r = await this.request({ type: 'hello', version: PROTOCOL_VERSION });
    return r.type === 'hello' && r.version === PROTOCOL_VERSION;
  }
}
