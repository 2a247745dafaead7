/**
 * Stand-ins for Twitch's past-broadcast player (`player.twitch.tv/?video=v<id>&time=1h2m3s`) and
 * clip embed (`clips.twitch.tv/embed?clip=<slug>`): each shows what was asked for — the video and
 * the time it starts at, or the clip — and carries it in `data-` attributes for tests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDuration, videoDuration } from './archive.js';
import type { Core } from './core.js';
import { checkParent, embedError, record } from './embeds.js';
import { errorPage } from './pages.js';
import { escapeHtml, sendHtml } from './http.js';

const STYLE = `<style>
  html, body { margin: 0; height: 100%; background: #0e0e10; color: #fff; font: 14px/1.4 Arial, sans-serif; overflow: hidden; }
  .frame { position: absolute; inset: 0; background: linear-gradient(135deg, #3a1d6e, #0e0e10 60%); }
  .hud { position: absolute; left: 12px; top: 10px; right: 12px; display: flex; gap: 8px; align-items: center; text-shadow: 0 1px 3px #000; }
  .badge { background: #9146ff; padding: 2px 6px; border-radius: 4px; font-weight: 700; font-size: 12px; }
  .name { font-weight: 700; font-size: 16px; }
  .title { position: absolute; left: 12px; bottom: 38px; right: 12px; background: #0009; padding: 6px 8px; border-radius: 4px; }
  .bar { position: absolute; left: 12px; right: 12px; bottom: 14px; height: 6px; background: #fff3; border-radius: 3px; }
  .bar div { height: 100%; background: #9146ff; border-radius: 3px; }
  .clock { font-variant-numeric: tabular-nums; }
</style>`;

export function handleVideoPlayer(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const videoParam = url.searchParams.get('video') ?? '';
  const timeParam = url.searchParams.get('time') ?? '0s';
  const checked = checkParent(core, req, res, url, 'player', null);
  if (!checked) return;
  const { base, csp } = checked;
  const id = /^v?(\d{1,20})$/.exec(videoParam)?.[1];
  const video = id ? core.world.archive.videos.find((v) => v.id === id) : undefined;
  const account = video ? core.world.accountById(video.userId) : undefined;
  const rec = { ...base, channel: account?.login ?? null, video: videoParam, time: timeParam };
  if (!video || !account) {
    record(core, { ...rec, status: 404 });
    sendHtml(res, 404, embedError('This video is unavailable.'), {
      'Content-Security-Policy': csp,
    });
    return;
  }
  record(core, { ...rec, status: 200 });
  const start = parseDuration(timeParam) ?? 0;
  const length = core.world.archive.durationOf(video);
  const subOnly = video.viewable === 'private';
  const percent = length > 0 ? Math.min(100, (start / length) * 100) : 0;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(video.title)} - ${escapeHtml(account.displayName)} - Twitch</title>${STYLE}</head>
<body data-video="${escapeHtml(video.id)}" data-time="${start}" data-channel="${escapeHtml(account.login)}" data-sub-only="${subOnly}">
<div class="frame"></div>
<div class="hud"><span class="badge">VOD</span><span class="name">${escapeHtml(account.displayName)}</span>
<span class="clock" id="clock">${videoDuration(start)}</span><span>/ ${videoDuration(length)}</span></div>
<div class="title">${subOnly ? 'Subscribers only — ' : ''}${escapeHtml(video.title)}</div>
<div class="bar"><div style="width:${percent.toFixed(2)}%"></div></div>
<script>(function(){var t=${start},c=document.getElementById('clock');setInterval(function(){t++;var h=Math.floor(t/3600),m=Math.floor(t%3600/60),s=t%60;c.textContent=(h?h+'h'+m+'m':m?m+'m':'')+s+'s';},1000);})();</script>
</body></html>`;
  sendHtml(res, 200, html, { 'Content-Security-Policy': csp });
}

export function handleClipEmbed(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  if (url.pathname !== '/embed') {
    sendHtml(
      res,
      404,
      errorPage(404, 'page not found', 'This simulated clips.twitch.tv only serves /embed.'),
    );
    return;
  }
  const slug = url.searchParams.get('clip') ?? '';
  const checked = checkParent(core, req, res, url, 'clip', null);
  if (!checked) return;
  const { base, csp } = checked;
  const clip = core.world.archive.clips.find((c) => c.id === slug);
  const account = clip ? core.world.accountById(clip.broadcasterId) : undefined;
  const creator = clip ? core.world.accountById(clip.creatorId) : undefined;
  const rec = { ...base, channel: account?.login ?? null, clip: slug };
  if (!clip || !account) {
    record(core, { ...rec, status: 404 });
    sendHtml(res, 404, embedError('This clip is unavailable.'), { 'Content-Security-Policy': csp });
    return;
  }
  record(core, { ...rec, status: 200 });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(clip.title)} - Twitch Clips</title>${STYLE}</head>
<body data-clip="${escapeHtml(clip.id)}" data-channel="${escapeHtml(account.login)}">
<div class="frame"></div>
<div class="hud"><span class="badge">CLIP</span><span class="name">${escapeHtml(account.displayName)}</span>
<span>clipped by ${escapeHtml(creator?.displayName ?? '')}</span></div>
<div class="title">${escapeHtml(clip.title)}</div>
<div class="bar"><div style="width:0%" id="progress"></div></div>
<script>(function(){var t=0,d=${clip.duration},p=document.getElementById('progress');setInterval(function(){t=(t+0.5)%d;p.style.width=(t/d*100).toFixed(1)+'%';},500);})();</script>
</body></html>`;
  sendHtml(res, 200, html, { 'Content-Security-Policy': csp });
}
