import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommands, manifestCommands, manifestMessage, pageKeys } from '../../lib/shortcuts';

const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
const kbd = (combo: string) =>
  combo
    .split('+')
    .map((key) => `<kbd>${key}</kbd>`)
    .join('+');

describe('keyboard shortcuts', () => {
  it('declares every command for the manifest with its suggested key and description', () => {
    const commands = manifestCommands();
    expect(Object.keys(commands).sort()).toEqual(['open-streamer-page', 'toggle-snooze']);
    for (const command of browserCommands) {
      expect(commands[command.name]).toEqual({
        suggested_key: { default: command.suggestedKey },
        description: manifestMessage(command.message),
      });
      // Alt+Shift+<letter>: allowed in both browsers, clear of their own shortcuts.
      expect(command.suggestedKey).toMatch(/^Alt\+Shift\+[A-Z]$/);
    }
  });

  it('are all in the README', () => {
    for (const command of browserCommands) expect(readme).toContain(kbd(command.suggestedKey));
    for (const key of pageKeys) for (const k of key.keys) expect(readme).toContain(kbd(k));
  });
});
