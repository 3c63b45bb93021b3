import { openIndexedFile, type IndexedFile } from '../../main/adapters/fs';
import { settled } from '../../main/adapters/fs/test-files';

/** Opens and indexes a bench corpus with two workers; the time it took, in ms. */
export async function indexed(path: string): Promise<{ file: IndexedFile; ms: number }> {
  const t0 = performance.now();
  const file = openIndexedFile(path, { follow: false, workers: 2 });
  const status = await settled(file, 600_000);
  if (status.state !== 'ready') throw new Error(JSON.stringify(status));
  return { file, ms: performance.now() - t0 };
}
