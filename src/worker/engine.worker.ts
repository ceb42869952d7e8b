/// <reference lib="webworker" />
import { EngineHost } from '../engine/host';
import type { Request } from '../engine/protocol';

// The worker is a thin adapter: it connects the message port to the engine host.
const host = new EngineHost({ seed: 1 });
self.onmessage = (e: MessageEvent<Request>) => {
  self.postMessage(host.handle(e.data));
};
