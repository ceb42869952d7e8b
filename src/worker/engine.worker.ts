/// <reference lib="webworker" />
import type { Request } from '../engine/protocol';
import { AppHost } from './host';

// The worker is a thin adapter: it connects the message port to the host and drives the host's
// clock from real time. Stored objects are not deep-frozen here: freezing is the tests' mutation
// detector (as client-go's KUBE_CACHE_MUTATION_DETECTOR), and the unit tests run with it on.
const TICK_MS = 50;
const host = new AppHost({ seed: 1, freeze: false, post: (m) => self.postMessage(m) });
self.onmessage = (e: MessageEvent<Request>) => {
  self.postMessage(host.handle(e.data));
};

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  // A throttled or busy worker catches up at most one second at a time.
  host.tick(Math.min(1000, now - last));
  last = now;
}, TICK_MS);
