import { useId, type ReactNode } from 'react';

/** An on/off setting: a real checkbox with the switch role and a visible label. */
export function Switch({
  checked,
  onChange,
  label,
  description,
  disabled,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3 py-1.5">
      <span className="relative mt-0.5 inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={description ? `${id}-description` : undefined}
          onChange={(e) => onChange(e.target.checked)}
          className="peer h-5 w-9 cursor-pointer appearance-none rounded-full bg-zinc-400 checked:bg-twitch motion-safe:transition-colors disabled:cursor-not-allowed disabled:opacity-50 dark:bg-zinc-600 dark:checked:bg-twitch"
        />
        {/* The knob shows the state by a mark as well as by colour and place (the checkbox
            itself tells assistive technology). */}
        <span
          aria-hidden="true"
          data-switch-mark={checked ? 'on' : 'off'}
          className="pointer-events-none absolute top-0.5 left-0.5 flex h-4 w-4 items-center justify-center rounded-full bg-white text-zinc-700 shadow peer-checked:translate-x-4 peer-checked:text-twitch-dark motion-safe:transition-transform"
        >
          <svg viewBox="0 0 12 12" width="10" height="10" fill="none" stroke="currentColor">
            {checked ? (
              <path d="M2.5 6.5l2.5 2.5 4.5-5.5" strokeWidth="2" strokeLinecap="round" />
            ) : (
              <path d="M3.5 3.5l5 5m0-5l-5 5" strokeWidth="1.6" strokeLinecap="round" />
            )}
          </svg>
        </span>
      </span>
      <span className="min-w-0">
        <label htmlFor={id} className="cursor-pointer text-sm font-medium">
          {label}
        </label>
        {description && (
          <span id={`${id}-description`} className="block text-xs text-zinc-600 dark:text-zinc-400">
            {description}
          </span>
        )}
      </span>
    </div>
  );
}
