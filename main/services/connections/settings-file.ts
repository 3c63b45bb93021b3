/**
 * connections.json: the connections' settings, never their secrets. Written atomically
 * (temp file + rename, so a crash leaves the old file whole), validated on load. A file that
 * is not valid is renamed aside (connections.json.corrupt-<time>) and reported in words:
 * the app starts with no connections and nothing the user wrote is lost.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { connectionSettingsSchema, type ConnectionSettings } from '../../../shared/contract/connections';

export type StoredConnection = ConnectionSettings & { id: string };

const storedSchema = z.object({
  version: z.literal(1),
  connections: z.array(connectionSettingsSchema.and(z.object({ id: z.string().min(1) }))),
  /** The user agreed to keep secrets in Electron's basic_text backend. */
  basicTextConsent: z.boolean().default(false),
});
export type StoredSettings = z.infer<typeof storedSchema>;

export const emptySettings = (): StoredSettings => ({ version: 1, connections: [], basicTextConsent: false });

export interface LoadedSettings {
  settings: StoredSettings;
  /** Why the file on disk was not used, and where it was kept. */
  problem: string | null;
}

export async function loadSettings(file: string, now: () => Date = () => new Date()): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: emptySettings(), problem: null };
    throw e;
  }
  let why: string;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { settings: parsed.data, problem: null };
    const issue = parsed.error.issues[0]!;
    why = `${issue.path.length ? `at ${issue.path.join('.')}: ` : ''}${issue.message}`;
  } catch (e) {
    why = `not valid JSON (${(e as Error).message})`;
  }
  const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  return { settings: emptySettings(), problem: `${file} could not be read: ${why}. It was kept as ${aside}; starting with no connections.` };
}

export async function saveSettings(file: string, settings: StoredSettings): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(settings, null, 2) + '\n', { mode: 0o644 });
  await rename(tmp, file);
}
