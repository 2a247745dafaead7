/// <reference lib="webworker" />
// The worker that holds the EventSub WebSocket for Chrome's offscreen document.
import { createListenerHost } from './listener-host';
import { serveHost, workerSink, type HostEvent } from './worker-bridge';

const scope = self as unknown as {
  postMessage(event: HostEvent): void;
  onmessage: ((e: MessageEvent) => void) | null;
};
serveHost(scope, createListenerHost(workerSink(scope)));
