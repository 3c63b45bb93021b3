import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = resolve(__dirname, '../..');
export const loghub = resolve(repoRoot, '../shared/corpora/loghub');
const shots = join(repoRoot, 'test-results', 'screenshots');

/** Browser mode exactly as `npm run web` runs it, on a free port. */
export async function startBrowserMode(): Promise<{ url: string; origin: string; token: string; stop(): Promise<void> }> {
  if (!existsSync(join(repoRoot, 'dist/renderer/index.html'))) throw new Error('dist/renderer is missing: run `npm run build` before the end-to-end tests');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'main/host/web-main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, VIGIE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL:\n${output}`)), 30_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = output.match(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** Polls until check() is true (for hooks, where expect.poll is not available). */
export async function until(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Browser mode + Chromium + a page that has added the loghub folder and opened Explore. */
export async function openLoghubInExplore(): Promise<{ server: Awaited<ReturnType<typeof startBrowserMode>>; browser: Browser; page: Page; close(): Promise<void> }> {
  const server = await startBrowserMode();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await page.getByTestId('nav-sources').click();
  await page.getByTestId('source-path-input').fill(loghub);
  await page.getByTestId('source-add-button').click();
  await until(async () => (await page.getByTestId('stream-row').count()) === 8, 20_000, 'eight streams');
  await page.getByTestId('nav-explore').click();
  return { server, browser, page, close: async () => (await browser.close(), await server.stop()) };
}
