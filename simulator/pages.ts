import { escapeHtml } from './http.js';

/** Shared look for the simulator's own pages (Twitch-like purple). */
export function page(title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: dark; --purple: #9146ff; --purple-dark: #772ce8; --bg: #0e0e10; --card: #18181b; --text: #efeff1; --muted: #adadb8; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 "Inter", "Roobert", "Helvetica Neue", Arial, sans-serif; background: var(--bg); color: var(--text); }
  .wrap { max-width: 460px; margin: 48px auto; padding: 0 16px; }
  .card { background: var(--card); border-radius: 8px; padding: 28px; box-shadow: 0 8px 32px rgba(0,0,0,.5); }
  .logo { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 20px; margin-bottom: 18px; }
  .logo svg { width: 30px; height: 30px; }
  h1 { font-size: 20px; margin: 0 0 6px; }
  p { color: var(--muted); margin: 6px 0 14px; }
  ul.scopes { list-style: none; padding: 0; margin: 8px 0 18px; }
  ul.scopes li { padding: 8px 10px; border-left: 3px solid var(--purple); background: #1f1f23; margin-bottom: 6px; border-radius: 4px; }
  ul.scopes code { color: var(--muted); font-size: 12px; display: block; }
  .accounts { display: grid; gap: 8px; margin: 16px 0; }
  button { font: inherit; cursor: pointer; border: 0; border-radius: 4px; padding: 10px 14px; }
  button.account { background: var(--purple); color: #fff; text-align: left; display: flex; align-items: center; gap: 10px; }
  button.account:hover { background: var(--purple-dark); }
  button.account img { width: 32px; height: 32px; border-radius: 50%; background: #fff2; }
  button.account small { display: block; opacity: .85; font-size: 12px; }
  button.deny { background: #3a3a3d; color: var(--text); width: 100%; }
  button.deny:hover { background: #53535f; }
  .error { border-left: 3px solid #eb0400; padding-left: 12px; }
  .foot { color: var(--muted); font-size: 12px; margin-top: 18px; text-align: center; }
</style>${extraHead}
</head><body><div class="wrap">${body}</div></body></html>`;
}

export const GLITCH = `<svg viewBox="0 0 24 28" aria-hidden="true"><path fill="#9146ff" d="M2 0L0 5v19h6v4h4l4-4h5l5-5V0H2zm20 14l-4 4h-6l-4 4v-4H4V2h18v12z"/><path fill="#9146ff" d="M17 6h2v6h-2zM11 6h2v6h-2z"/></svg>`;

export function errorPage(status: number, message: string, detail = ''): string {
  return page(
    `Error ${status}`,
    `<div class="card"><div class="logo">${GLITCH}<span>Twitch</span></div>
     <div class="error"><h1>${escapeHtml(String(status))}: ${escapeHtml(message)}</h1>
     ${detail ? `<p>${escapeHtml(detail)}</p>` : ''}</div></div>`,
  );
}
