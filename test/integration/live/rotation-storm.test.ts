import { appendFileSync, copyFileSync, readdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { COUNTING_PIPELINE, liveService, startInput, tempFolder, until } from './live-kit';

const { dir, cleanup } = tempFolder('vigie-live-storm-');
afterAll(cleanup);

const RULES = `groups:
  - name: lines
    rules:
      - record: lines:total
        expr: promtail_custom_lines_total
`;

/** Lines in every file of the folder that the log was rotated into (app.log, app.log.N). */
function linesOnDisk(): number {
  return readdirSync(dir)
    .filter((f) => f.startsWith('app.log'))
    .reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== '').length, 0);
}

describe('a rotation storm while live', () => {
  it('counts every appended line exactly once across rename and copytruncate rotations', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'before the start, not counted\n');
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
    const live = liveService(clock, { s1: log }, null);
    expect((await live.start(startInput({ rules: RULES, streamIds: ['s1'], pipeline: COUNTING_PIPELINE }))).ok).toBe(true);
    const run = live.current()!;
    const read = () => run.files[0]!.linesRead;
    let written = 0;
    let rotations = 0;
    const total = 3000;
    for (let i = 0; i < total; i++) {
      appendFileSync(log, `2026-01-01T12:00:00Z ${i % 3 === 0 ? 'ERROR' : 'INFO'} line ${i}\n`);
      written++;
      if (i > 0 && i % 250 === 0) {
        rotations++;
        if (rotations % 2 === 1) {
          // rename rotation: the writer carries on in a new file at once
          renameSync(log, `${log}.${rotations}`);
          writeFileSync(log, '');
        } else {
          // copytruncate loses what is written between the copy and the truncate (logrotate's
          // own race), so, as logrotate runs, it happens once the follower has caught up
          await until(() => read() === written, 10_000, `caught up before copytruncate ${rotations}`);
          copyFileSync(log, `${log}.${rotations}`);
          truncateSync(log, 0);
        }
      }
      if (i % 40 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await until(() => read() === written, 20_000, `${written} lines read (read ${read()})`);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives: no line is read twice
    expect(read()).toBe(written);
    expect(run.files[0]!.rotations).toBe(rotations);
    await clock.advance(15_000);
    const onDisk = linesOnDisk() - 1; // the line written before the start
    expect(onDisk).toBe(total);
    expect(run.series.query('promtail_custom_lines_total', clock.now())[0]?.value).toBe(onDisk);
    expect(run.series.query('promtail_custom_error_total', clock.now())[0]?.value).toBe(Math.ceil(total / 3));
    await live.dispose();
  }, 90_000);
});
