/**
 * Test support: start the simulator in-process and make this Node process reach Twitch's hostnames
 * on it. Every TLS connection to *.twitch.tv / *.jtvnw.net (from fetch, which twurple's ApiClient
 * uses, and from the `ws` package, which twurple's EventSub listener uses) is redirected to
 * 127.0.0.1:<port>, keeps its SNI / Host header, and trusts only the simulator's certificate.
 */
import tls from 'node:tls';
import { ApiClient } from '@twurple/api';
import { StaticAuthProvider } from '@twurple/auth';
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { startSimulator } from '../index.js';
import type { Simulator, SimulatorOptions } from '../index.js';
import { DEMO_CLIENT_ID } from '../tokens.js';

const originalConnect = tls.connect;
let route: { port: number; ca: string } | null = null;

const isSimHost = (h: unknown): boolean =>
  typeof h === 'string' &&
  (h.endsWith('.twitch.tv') || h === 'twitch.tv' || h.endsWith('.jtvnw.net'));

function installRouting(): void {
  if ((tls.connect as unknown) !== originalConnect) return;
  const patched = function (this: unknown, ...args: unknown[]) {
    const options = args[0];
    if (
      route &&
      options &&
      typeof options === 'object' &&
      isSimHost((options as { host?: unknown }).host)
    ) {
      const o = options as tls.ConnectionOptions;
      const servername = o.servername || (o.host as string);
      args[0] = {
        ...o,
        host: '127.0.0.1',
        port: route.port,
        servername,
        ca: route.ca,
        lookup: undefined,
      };
    }
    return (originalConnect as (...a: unknown[]) => tls.TLSSocket).apply(this, args);
  };
  (tls as { connect: unknown }).connect = patched;
}

export interface TestSim extends Simulator {
  /** Fetch a simulated Twitch URL (e.g. https://api.twitch.tv/helix/users). */
  twitchFetch(url: string, init?: RequestInit): Promise<Response>;
  /** POST /_sim/<op> over HTTPS on 127.0.0.1. */
  http(op: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  token(login: string, scopes?: string[]): Promise<string>;
  api(token: string): ApiClient;
  /** A raw WebSocket to eventsub.wss.twitch.tv. */
  socket(query?: string): Promise<RawSocket>;
}

export interface RawSocket {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  raw: string[];
  closed: Promise<{ code: number; reason: string }>;
  /** Wait until a message matching `pred` has arrived (searching earlier ones too). */
  next(
    pred: (m: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  welcome: Promise<Record<string, unknown>>;
  sessionId(): Promise<string>;
  /** Close from the client side and wait for the close to complete. */
  close(): Promise<void>;
}

export async function startTestSim(options: SimulatorOptions = {}): Promise<TestSim> {
  const sim = await startSimulator({ world: 'quiet', ...options });
  route = { port: sim.port, ca: sim.cert };
  installRouting();
  const testSim: TestSim = {
    ...sim,
    async close() {
      await sim.close();
    },
    twitchFetch: (url, init) => fetch(url, init),
    http: (op, body = {}) => httpsControl(sim.port, sim.cert, op, body),
    async token(login, scopes = []) {
      return sim.control.issueToken({ login, scopes }).token;
    },
    api(token) {
      return new ApiClient({ authProvider: new StaticAuthProvider(DEMO_CLIENT_ID, token) });
    },
    socket: (query = '') => openSocket(`wss://eventsub.wss.twitch.tv/ws${query}`),
  };
  return testSim;
}

/**
 * The test file's simulator: started before its tests and closed after them. The object it
 * returns is filled in when the simulator has started, so use it in hooks and tests.
 */
export function useTestSim(options: SimulatorOptions = {}): TestSim {
  const sim = {} as TestSim;
  beforeAll(async () => {
    Object.assign(sim, await startTestSim(options));
  });
  afterAll(() => sim.close());
  return sim;
}

async function httpsControl(
  port: number,
  ca: string,
  op: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: `/_sim/${op}`,
        method: 'POST',
        ca,
        headers: { 'Content-Type': 'application/json' },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: data ? (JSON.parse(data) as unknown) : null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export function openSocket(url: string): Promise<RawSocket> {
  const ws = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const waiters: {
    pred: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }[] = [];
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? '<binary>' : data.toString();
    raw.push(text);
    let m: unknown;
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    if (!m || typeof m !== 'object' || Array.isArray(m)) return;
    const msg = m as Record<string, unknown>;
    messages.push(msg);
    for (const w of [...waiters]) {
      if (w.pred(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const next = (
    pred: (m: Record<string, unknown>) => boolean,
    timeoutMs = 5000,
  ): Promise<Record<string, unknown>> => {
    const found = messages.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
      waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(t);
          resolve(m);
        },
      });
    });
  };
  const welcome = next((m) => typeOf(m) === 'session_welcome');
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        raw,
        closed,
        next,
        welcome,
        sessionId: async () => ((await welcome).payload as { session: { id: string } }).session.id,
        close: async () => {
          if (ws.readyState === WebSocket.OPEN) ws.close();
          await closed;
          // Let the server process the close as well.
          await new Promise((r) => setTimeout(r, 30));
        },
      }),
    );
    ws.once('error', reject);
  });
}

export const typeOf = (m: Record<string, unknown>): string =>
  String((m.metadata as { message_type?: unknown } | undefined)?.message_type ?? '');

export const waitFor = async (
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  stepMs = 20,
): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
};

export const HELIX = 'https://api.twitch.tv/helix';

/** The demo world's accounts: the broadcaster, a moderator of the channel, a viewer. */
export const DEMO = '100001';
export const MOD = '100002';
export const VIEWER = '100003';

/** Twitch's message timestamps: RFC 3339 with nanoseconds. */
export const RFC3339_NANO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

export function helixFetch(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  headers.set('Client-Id', DEMO_CLIENT_ID);
  if (init.body) headers.set('Content-Type', 'application/json');
  return fetch(`${HELIX}${path}`, { ...init, headers });
}

/** Creates an EventSub subscription on a WebSocket session through Helix; the status and body. */
export async function subscribe(
  token: string,
  session: string,
  type: string,
  version: string,
  condition: Record<string, string>,
) {
  const res = await helixFetch('/eventsub/subscriptions', token, {
    method: 'POST',
    body: JSON.stringify({
      type,
      version,
      condition,
      transport: { method: 'websocket', session_id: session },
    }),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { data?: Record<string, unknown>[] },
  };
}
