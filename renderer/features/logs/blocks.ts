import type { LogLine } from '../../../shared/contract';

/** Lines per `logs.window` request; queries are cached per block so scrolling back is instant. */
export const BLOCK_SIZE = 200;

/** Block indexes covering view positions [start, end) — usually one or two. */
export function blocksFor(start: number, end: number, blockSize = BLOCK_SIZE): number[] {
  if (end <= start) return [Math.max(0, Math.floor(start / blockSize))];
  const first = Math.max(0, Math.floor(start / blockSize));
  const last = Math.max(first, Math.floor((end - 1) / blockSize));
  const out: number[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}

/**
 * Rows for positions [top, top + count): from whichever blocks have arrived; a row still
 * loading is undefined (drawn as a placeholder, so the list never jumps while fetching).
 */
export function rowsFromBlocks(
  top: number,
  count: number,
  total: number,
  blocks: ReadonlyMap<number, { offset: number; lines: readonly LogLine[] }>,
  blockSize = BLOCK_SIZE,
): { index: number; line: LogLine | undefined }[] {
  const rows: { index: number; line: LogLine | undefined }[] = [];
  const end = Math.min(total, top + count);
  for (let i = Math.max(0, top); i < end; i++) {
    const b = blocks.get(Math.floor(i / blockSize));
    rows.push({ index: i, line: b ? b.lines[i - b.offset] : undefined });
  }
  return rows;
}
