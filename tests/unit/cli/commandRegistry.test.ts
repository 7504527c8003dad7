import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../main/cli/commands/index';

describe('CLI command registry', () => {
  it('lists each command once, with the name and summary of the command it loads', async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
      expect(command.usage.length).toBeGreaterThan(0);
      expect(typeof command.run).toBe('function');
    }
  }, 300_000);
});
