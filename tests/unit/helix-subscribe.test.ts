import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenInvalidError } from '../../lib/twitch/auth';
import { HelixError, createEventSubSubscription } from '../../lib/twitch/helix';

const NOW = 1_800_000_000_000;
const credentials = { clientId: 'client', accessToken: 'token' };
const request = {
  type: 'stream.online',
  version: '1',
  condition: { broadcaster_user_id: '100001' },
  transport: { method: 'websocket' as const, session_id: 'session' },
};
const created = {
  data: [
    {
      id: 'sub-1',
      status: 'enabled',
      type: 'stream.online',
      version: '1',
      condition: { broadcaster_user_id: '100001' },
      created_at: '2026-11-28T00:00:00Z',
      transport: { method: 'websocket', session_id: 'session' },
      cost: 1,
    },
  ],
  total: 1,
  total_cost: 1,
  max_total_cost: 10,
};

function answers(...responses: Response[]) {
  const fetchMock = vi.fn(async () => responses.shift()!);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createEventSubSubscription', () => {
  it('waits until Ratelimit-Reset after a rate-limited 429, then succeeds', async () => {
    const fetchMock = answers(
      Response.json(
        { error: 'Too Many Requests', status: 429, message: 'Too Many Requests' },
        {
          status: 429,
          headers: { 'Ratelimit-Remaining': '0', 'Ratelimit-Reset': String(NOW / 1000 + 7) },
        },
      ),
      Response.json(created, { status: 202 }),
    );
    const sleeps: number[] = [];
    const data = await createEventSubSubscription(credentials, request, {
      sleep: async (ms) => void sleeps.push(ms),
      now: () => NOW,
    });
    expect(data.id).toBe('sub-1');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(7_000);
    expect(sleeps[0]).toBeLessThan(8_000);
  });

  it('backs off on server errors', async () => {
    answers(
      new Response('', { status: 500 }),
      new Response('', { status: 503 }),
      Response.json(created, { status: 202 }),
    );
    const sleeps: number[] = [];
    await createEventSubSubscription(credentials, request, {
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('does not retry the 429 for too many WebSocket transports', async () => {
    answers(
      Response.json(
        {
          error: 'Too Many Requests',
          status: 429,
          message: 'number of websocket transports limit exceeded',
        },
        { status: 429, headers: { 'Ratelimit-Remaining': '790' } },
      ),
    );
    const error = await createEventSubSubscription(credentials, request, {
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixError);
    expect(error).toMatchObject({
      statusCode: 429,
      message: 'number of websocket transports limit exceeded',
    });
  });

  it('gives up after the last attempt, and treats 401 as the end of the session', async () => {
    answers(new Response('', { status: 500 }), new Response('', { status: 500 }));
    await expect(
      createEventSubSubscription(credentials, request, {
        attempts: 2,
        sleep: async () => undefined,
      }),
    ).rejects.toMatchObject({ statusCode: 500 });
    answers(new Response('', { status: 401 }));
    await expect(createEventSubSubscription(credentials, request)).rejects.toBeInstanceOf(
      TokenInvalidError,
    );
  });
});
