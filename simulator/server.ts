/** One TLS server for every simulated host, routed by the Host header. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { runOperation } from './control.js';
import type { SimulatorControl } from './control.js';
import type { Core } from './core.js';
import { handlePlayer, handleWww } from './embeds.js';
import { handleClipEmbed } from './video-embeds.js';
import { Helix } from './helix.js';
import { errorPage, page } from './pages.js';
import type { Certificate } from './tls.js';
import { HttpError, escapeHtml, hostOf, readBody, sendHtml, sendJson } from './http.js';

export const TWITCH_HOSTS = [
  'id.twitch.tv',
  'api.twitch.tv',
  'eventsub.wss.twitch.tv',
  'player.twitch.tv',
  'www.twitch.tv',
  'twitch.tv',
  'clips.twitch.tv',
  'static-cdn.jtvnw.net',
];

export const isTwitchHost = (host: string): boolean =>
  host === 'twitch.tv' ||
  host.endsWith('.twitch.tv') ||
  host === 'jtvnw.net' ||
  host.endsWith('.jtvnw.net');

export function createSimServer(core: Core, control: SimulatorControl, cert: Certificate): Server {
  const helix = new Helix(core);
  const server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        sendJson(res, e.status, { error: e.error, status: e.status, message: e.message });
        return;
      }
      core.log(`error: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent)
        sendJson(res, 500, { error: 'Internal Server Error', status: 500, message: '' });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = hostOf(req.headers.host);
    const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
    switch (host) {
      case 'id.twitch.tv':
        return core.oauth.handle(req, res, url);
      case 'api.twitch.tv':
        if (url.pathname === '/helix' || url.pathname.startsWith('/helix/'))
          return helix.handle(req, res, url);
        sendJson(res, 404, { error: 'Not Found', status: 404, message: '' });
        return;
      case 'eventsub.wss.twitch.tv':
        sendJson(res, 400, {
          error: 'Bad Request',
          status: 400,
          message: 'websocket upgrade required',
        });
        return;
      case 'player.twitch.tv':
        return handlePlayer(core, req, res, url);
      case 'clips.twitch.tv':
        return handleClipEmbed(core, req, res, url);
      case 'www.twitch.tv':
      case 'twitch.tv':
        return handleWww(core, req, res, url);
      case 'static-cdn.jtvnw.net':
        return core.cdn.handle(req, res, url);
      default:
        if (isTwitchHost(host)) {
          sendHtml(res, 404, errorPage(404, 'page not found', `${host} is not simulated.`));
          return;
        }
        return handleControl(req, res, url);
    }
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/' && req.method === 'GET') {
      sendHtml(
        res,
        200,
        page(
          'Twitch simulator',
          `<div class="card"><h1>Twitch simulator</h1>
        <p>Control operations: <code>POST /_sim/&lt;operation&gt;</code> with a JSON body. See simulator/README.md.</p>
        <p>Certificate SPKI: <code>${escapeHtml(cert.spki)}</code></p></div>`,
        ),
      );
      return;
    }
    if (url.pathname === '/_sim/cert.pem') {
      res.writeHead(200, { 'Content-Type': 'application/x-pem-file' });
      res.end(cert.cert);
      return;
    }
    const m = /^\/_sim\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m || (req.method !== 'POST' && req.method !== 'GET')) {
      sendJson(res, 404, { error: 'not found', message: 'use POST /_sim/<operation>' });
      return;
    }
    let body: unknown = {};
    if (req.method === 'POST') {
      const text = await readBody(req);
      if (text.trim()) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          sendJson(res, 400, { error: 'bad request', message: 'body must be JSON' });
          return;
        }
      }
    } else {
      body = Object.fromEntries(url.searchParams);
    }
    try {
      const result = await runOperation(control, m[1] ?? '', body);
      sendJson(res, 200, result ?? { ok: true });
    } catch (e) {
      if (e instanceof Error) {
        sendJson(res, 400, { error: 'bad request', message: e.message });
        return;
      }
      throw e;
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = hostOf(req.headers.host);
    if (host === 'eventsub.wss.twitch.tv') {
      core.eventsub.handleUpgrade(req, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  return server;
}
