import { Button } from '../common/Button';
import { ErrorAlert } from '../common/ErrorAlert';

/** A settings form's end: its save button, "saved" once it is, and what failed. */
export function SaveRow({
  label,
  savedText,
  saved,
  failed,
}: {
  label: string;
  savedText: string;
  saved: boolean;
  failed: string | undefined;
}) {
  return (
    <>
      <div className="flex items-center gap-3">
        <Button type="submit">{label}</Button>
        <span role="status" className="text-sm text-green-700 dark:text-green-400">
          {saved ? savedText : ''}
        </span>
      </div>
      <ErrorAlert error={failed} />
    </>
  );
}
