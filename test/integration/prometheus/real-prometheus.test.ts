/** The test helper itself: it cleans up after a run, and a server that cannot start says why. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startRealPrometheus } from './real-prometheus';

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/-/ready`);
    return false;
  } catch (e) {
    return /ECONNREFUSED/.test(String((e as { cause?: unknown }).cause));
  }
}

describe('the real-prometheus helper', () => {
  it('stop() ends the server and removes its folder', async () => {
    const prom = await startRealPrometheus();
    expect(existsSync(prom.dir)).toBe(true);
    expect((await fetch(`${prom.url}/-/ready`)).status).toBe(200);
    await prom.stop();
    expect(existsSync(prom.dir)).toBe(false);
    expect(await refused(prom.url)).toBe(true);
  });

  it('a rule file Prometheus refuses: the start fails with the server’s own log', async () => {
    const start = startRealPrometheus({ rules: 'groups:\n  - name: g\n    rules:\n      - record: bad name\n        expr: up\n' });
    await expect(start).rejects.toThrow(/prometheus exited \(1\) before it was ready:[\s\S]*bad name/);
  });

  it('OpenMetrics promtool refuses: the start fails with promtool’s message', async () => {
    await expect(startRealPrometheus({ openMetrics: 'not openmetrics at all\n' })).rejects.toThrow(/promtool tsdb create-blocks-from openmetrics failed/);
  });
});
