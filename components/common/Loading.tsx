/** Shown while stored settings or data are still being read. */
export function Loading() {
  return <p aria-busy="true">Loading…</p>;
}
