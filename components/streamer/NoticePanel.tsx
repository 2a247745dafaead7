import type { ReactNode } from 'react';

/** A centred panel with a heading, shown instead of the dashboard (signed out, no favorite). */
export function NoticePanel({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="mx-auto max-w-xl space-y-3 rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h1 id={`${id}-title`} className="text-xl font-bold">
        {title}
      </h1>
      {children}
    </section>
  );
}
