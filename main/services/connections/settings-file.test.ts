import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings, saveSettings } from './settings-file';
import { tempConfigDir } from './test-kit';

const { dir, cleanup } = tempConfigDir();
afterAll(cleanup);
const at = new Date('2026-01-02T03:04:05.678Z');

describe('the connections settings file', () => {
  it('is empty when the file does not exist yet', async () => {
    expect(await loadSettings(join(dir, 'none.json'))).toEqual({ settings: { version: 1, connections: [], basicTextConsent: false }, problem: null });
  });

  it('round-trips what was saved, with defaults applied', async () => {
    const file = join(dir, 'a', 'connections.json');
    const settings = { version: 1 as const, basicTextConsent: false, connections: [{ id: 'x1', kind: 'prometheus' as const, name: 'prom', url: 'http://127.0.0.1:9090', timeoutMs: 30_000, auth: { type: 'none' as const }, headers: [], tls: { insecureSkipVerify: false } }] };
    await saveSettings(file, settings);
    expect((await loadSettings(file)).settings).toEqual(settings);
    // No temp file is left behind by the atomic write.
    expect(readdirSync(join(dir, 'a'))).toEqual(['connections.json']);
  });

  it.each([
    { name: 'a file that is not JSON', text: '{"version": 1, "connections": [', why: /not valid JSON/ },
    { name: 'a file of another version', text: '{"version": 2, "connections": []}', why: /at version: / },
    { name: 'a connection without a URL', text: '{"version": 1, "connections": [{"id": "a", "kind": "loki", "name": "l"}]}', why: /at connections\.0/ },
  ])('keeps $name aside, says why and where, and starts empty', async ({ name, text, why }) => {
    const sub = join(dir, name.replace(/\W+/g, '-'));
    const file = join(sub, 'connections.json');
    await saveSettings(join(sub, 'placeholder.json'), { version: 1, connections: [], basicTextConsent: false });
    writeFileSync(file, text);
    const loaded = await loadSettings(file, () => at);
    expect(loaded.settings.connections).toEqual([]);
    const aside = `${file}.corrupt-2026-01-02T03-04-05-678Z`;
    expect(loaded.problem).toMatch(why);
    expect(loaded.problem).toContain(aside);
    expect(readFileSync(aside, 'utf8')).toBe(text);
    expect(readdirSync(sub)).not.toContain('connections.json');
  });
});
