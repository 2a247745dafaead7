/** The flags in `chromiumArgs` make Chromium reach the simulator under Twitch's real hostnames. */
import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../index.js';
import type { Simulator } from '../index.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let sim: Simulator;
let browser: Browser;

describe.skipIf(!existsSync(executablePath))('Chromium with chromiumArgs', () => {
  beforeAll(async () => {
    sim = await startSimulator({ world: 'quiet' });
    const { default: puppeteer } = await import('puppeteer');
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      args: [
        ...sim.chromiumArgs,
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('loads the player, calls Helix and opens the EventSub socket over TLS', async () => {
    const page = await browser.newPage();
    const res = await page.goto('https://player.twitch.tv/?channel=demo&parent=localhost');
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toBe('frame-ancestors https://localhost');
    const out = await page.evaluate(async () => {
      const helix = await fetch('https://api.twitch.tv/helix/users');
      const welcome = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket('wss://eventsub.wss.twitch.tv/ws');
        ws.onmessage = (e) => {
          resolve(JSON.parse(String(e.data)).metadata.message_type as string);
          ws.close();
        };
        ws.onerror = () => reject(new Error('websocket failed'));
      });
      return { helix: helix.status, welcome };
    });
    expect(out).toEqual({ helix: 401, welcome: 'session_welcome' });
    expect(sim.control.embeds()[0]).toMatchObject({
      host: 'player.twitch.tv',
      parent: ['localhost'],
    });
  });
});
