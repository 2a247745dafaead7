/** Stand-ins for Twitch's player (player.twitch.tv) and chat embed (www.twitch.tv/embed/<login>/chat). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core, EmbedRecord } from './core.js';
import { errorPage, page } from './pages.js';
import { escapeHtml, sendHtml, sendJson } from './http.js';
import { pushCapped } from './objects.js';
import { handleVideoPlayer } from './video-embeds.js';

const HOST_RE =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i;
const LOGIN_RE = /^[a-z0-9_]{1,25}$/i;

export function record(core: Core, rec: Omit<EmbedRecord, 'at'>): void {
  pushCapped(core.embeds, { ...rec, at: new Date().toISOString() }, 2000);
}

/** `frame-ancestors https://<parent> …` as Twitch sends it; null when parent is missing or malformed. */
function frameAncestors(parents: string[]): string | null {
  if (parents.length === 0 || parents.some((p) => !HOST_RE.test(p))) return null;
  return `frame-ancestors ${parents.map((p) => `https://${p}`).join(' ')}`;
}

/**
 * Twitch answers an embed without a valid `parent` with an error page and no CSP; with one, the
 * page carries `frame-ancestors https://<parent>`. Records the request either way.
 */
export function checkParent(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  kind: EmbedRecord['kind'],
  channel: string | null,
): { base: Omit<EmbedRecord, 'status' | 'at'>; csp: string } | null {
  const parents = url.searchParams.getAll('parent');
  const csp = frameAncestors(parents);
  const base = {
    kind,
    host: req.headers.host ?? '',
    channel,
    parent: parents,
    url: url.pathname + url.search,
  };
  if (!csp) {
    record(core, { ...base, status: 400 });
    sendHtml(
      res,
      400,
      embedError(
        'Twitch embed error: the "parent" parameter is missing or invalid. Embeds must name the domain they are shown on.',
      ),
    );
    return null;
  }
  return { base, csp };
}

export function handlePlayer(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  if (url.pathname !== '/' && url.pathname !== '/index.html') {
    sendHtml(res, 404, errorPage(404, 'page not found'));
    return;
  }
  if (url.searchParams.has('video')) {
    handleVideoPlayer(core, req, res, url);
    return;
  }
  const channelLogin = url.searchParams.get('channel');
  const checked = checkParent(core, req, res, url, 'player', channelLogin);
  if (!checked) return;
  const { base, csp } = checked;
  const account =
    channelLogin && LOGIN_RE.test(channelLogin)
      ? core.world.accountByLogin(channelLogin)
      : undefined;
  const channel = account ? core.world.channel(account.id) : undefined;
  if (!account || !channel) {
    record(core, { ...base, status: 404 });
    sendHtml(res, 404, embedError('This channel does not exist.'), {
      'Content-Security-Policy': csp,
    });
    return;
  }
  record(core, { ...base, status: 200 });
  const muted = url.searchParams.get('muted') === 'true';
  const live = channel.live;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(account.displayName)} - Twitch</title>
<style>
  html, body { margin: 0; height: 100%; background: #000; color: #fff; font: 14px/1.3 Arial, sans-serif; overflow: hidden; }
  .bars { position: absolute; inset: 0; display: flex; }
  .bars div { flex: 1; }
  .live .bars { animation: pan 6s linear infinite; width: 200%; }
  @keyframes pan { from { transform: translateX(0); } to { transform: translateX(-50%); } }
  .offline .bars { filter: grayscale(1) brightness(.35); }
  .ball { position: absolute; width: 48px; height: 48px; border-radius: 50%; background: #fff; top: 40%; left: 0; box-shadow: 0 0 16px #fff8; animation: bounce 3s ease-in-out infinite alternate; }
  .offline .ball { display: none; }
  @keyframes bounce { from { left: 4%; } to { left: calc(96% - 48px); } }
  .hud { position: absolute; left: 12px; top: 10px; display: flex; gap: 8px; align-items: center; text-shadow: 0 1px 3px #000; }
  .badge { background: #eb0400; padding: 2px 6px; border-radius: 4px; font-weight: 700; font-size: 12px; }
  .offline .badge { background: #53535f; }
  .name { font-weight: 700; font-size: 16px; }
  .title { position: absolute; left: 12px; bottom: 10px; right: 12px; background: #0009; padding: 6px 8px; border-radius: 4px; }
  .clock { font-variant-numeric: tabular-nums; opacity: .85; }
</style></head>
<body class="${live ? 'live' : 'offline'}" data-channel="${escapeHtml(account.login)}" data-live="${live}" data-muted="${muted}">
<div class="bars">${['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0']
    .concat(['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0'])
    .map((c) => `<div style="background:${c}"></div>`)
    .join('')}</div>
<div class="ball"></div>
<div class="hud"><span class="badge">${live ? 'LIVE' : 'OFFLINE'}</span><span class="name">${escapeHtml(account.displayName)}</span>
<span class="clock" id="clock"></span>${muted ? '<span title="muted">🔇</span>' : ''}</div>
<div class="title">${escapeHtml(channel.title)} — ${escapeHtml(channel.game.name)}</div>
<script>setInterval(function(){document.getElementById('clock').textContent=new Date().toLocaleTimeString();},1000);</script>
</body></html>`;
  sendHtml(res, 200, html, { 'Content-Security-Policy': csp });
}

export function handleWww(core: Core, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const m = /^\/embed\/([^/]+)\/chat(\/messages\.json)?\/?$/.exec(url.pathname);
  if (!m) {
    sendHtml(
      res,
      404,
      errorPage(
        404,
        'page not found',
        'This simulated twitch.tv only serves /embed/<channel>/chat.',
      ),
    );
    return;
  }
  const login = decodeURIComponent(m[1] ?? '').toLowerCase();
  const account = LOGIN_RE.test(login) ? core.world.accountByLogin(login) : undefined;
  if (m[2]) {
    // Same-origin feed for the chat page below.
    const after = Number(url.searchParams.get('after') ?? '0');
    const lines = account
      ? core.world.chatSince(account.id, Number.isFinite(after) ? after : 0).slice(-100)
      : [];
    sendJson(res, 200, { lines });
    return;
  }
  const checked = checkParent(core, req, res, url, 'chat', login);
  if (!checked) return;
  const { base, csp } = checked;
  if (!account) {
    record(core, { ...base, status: 404 });
    sendHtml(res, 404, embedError('This channel does not exist.'), {
      'Content-Security-Policy': csp,
    });
    return;
  }
  record(core, { ...base, status: 200 });
  const dark = url.searchParams.has('darkpopout');
  const feed = `/embed/${encodeURIComponent(account.login)}/chat/messages.json`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(account.displayName)} - Chat</title>
<style>
  :root { --bg: ${dark ? '#18181b' : '#ffffff'}; --fg: ${dark ? '#efeff1' : '#0e0e10'}; --muted: ${dark ? '#adadb8' : '#53535f'}; --line: ${dark ? '#2f2f35' : '#e5e5e5'}; }
  html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg); font: 13px/1.5 Arial, sans-serif; }
  header { padding: 8px 10px; border-bottom: 1px solid var(--line); font-weight: 700; text-transform: uppercase; font-size: 12px; letter-spacing: .04em; text-align: center; }
  #log { position: absolute; top: 36px; bottom: 40px; left: 0; right: 0; overflow-y: auto; padding: 6px 10px; }
  .line { padding: 2px 0; word-wrap: break-word; }
  .line.notice { background: ${dark ? '#2b2140' : '#f2ecff'}; border-left: 3px solid #9146ff; padding: 4px 6px; margin: 4px 0; }
  .name { font-weight: 700; }
  footer { position: absolute; bottom: 0; left: 0; right: 0; padding: 8px 10px; border-top: 1px solid var(--line); color: var(--muted); }
</style></head>
<body data-channel="${escapeHtml(account.login)}">
<header>Stream chat</header>
<div id="log" role="log" aria-live="polite"></div>
<footer>Chat is read-only in this embed</footer>
<script>
(function () {
  var after = 0, log = document.getElementById('log');
  function add(l) {
    var div = document.createElement('div');
    div.className = 'line' + (l.kind === 'notice' ? ' notice' : '');
    var name = document.createElement('span');
    name.className = 'name'; name.style.color = /^#[0-9a-f]{6}$/i.test(l.color) ? l.color : '#9146ff';
    name.textContent = l.userName;
    div.appendChild(name);
    div.appendChild(document.createTextNode(': ' + l.text));
    log.appendChild(div);
    while (log.childNodes.length > 150) log.removeChild(log.firstChild);
    log.scrollTop = log.scrollHeight;
  }
  function poll() {
    fetch(${JSON.stringify(feed)} + '?after=' + after, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (d) { d.lines.forEach(function (l) { after = Math.max(after, l.seq); add(l); }); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script></body></html>`;
  sendHtml(res, 200, html, { 'Content-Security-Policy': csp });
}

export function embedError(message: string): string {
  return page(
    'Twitch',
    `<div class="card"><div class="error"><h1>Error</h1><p>${escapeHtml(message)}</p></div></div>`,
  );
}
