/** Waits `ms` milliseconds. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value (shared by both drivers, the tests and the benchmarks). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `Timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  );
}

/** Polls until every one of `ids` is in the set `read` returns. */
export async function waitForAll(
  read: () => Promise<Set<string>>,
  ids: readonly string[],
  what: string,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<void> {
  await waitFor(
    async () => {
      const present = await read();
      return ids.every((id) => present.has(id));
    },
    what,
    timeoutMs,
    intervalMs,
  );
}
