/// <reference lib="webworker" />
import { EngineHost } from '../engine/host';
import type { Request } from '../engine/protocol';

// The worker is a thin adapter: it connects the message port to the engine host.
// Stored objects are not deep-frozen here: freezing is the tests' mutation detector (as client-go's
// KUBE_CACHE_MUTATION_DETECTOR), and the unit tests run with it on.
const host = new EngineHost({ seed: 1, freeze: false });
self.onmessage = (e: MessageEvent<Request>) => {
  self.postMessage(host.handle(e.data));
};
