/** Refusals of control operations (HTTP 400 `{ error, message }`) and the checks that raise them. */

export class ControlError extends Error {}

export const fail = (message: string): never => {
  throw new ControlError(message);
};

export function oneOf<T extends string>(allowed: readonly T[], value: unknown, name: string): T {
  if (!allowed.includes(value as T))
    throw new ControlError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function closeCode(n: unknown): number {
  const v = Number(n);
  if (!Number.isInteger(v) || (v !== 1000 && (v < 3000 || v > 4999)))
    throw new ControlError('a close code is 1000 or 3000–4999');
  return v;
}

export function nonNegative(n: unknown): number {
  const v = Number(n);
  if (!Number.isFinite(v) || v < 0) throw new ControlError('expected a non-negative number');
  return v;
}
