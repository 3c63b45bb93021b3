/**
 * An Alertmanager API v2 client: alerts and silences read and written, status. Each call has a
 * timeout and the caller's AbortSignal; every answer is validated; every failure comes back as
 * an error in words (what was asked, what went wrong) with the credentials scrubbed out.
 */
import { z } from 'zod';
import type { PostableAlert } from '../../engines/live/am-alerts';
import { gettableAlertSchema, gettableSilenceSchema, postSilenceAnswerSchema, statusSchema, type AlertmanagerStatus, type GettableAlert, type GettableSilence, type PostableSilence } from './schemas';

export interface AlertmanagerSettings {
  /** Base URL, e.g. http://127.0.0.1:9093 (a path prefix is kept: /alertmanager). */
  url: string;
  auth?: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
  /** Per call; Prometheus' notifier uses 10s. */
  timeoutMs?: number;
}

export type AmResult<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_BODY = 32 * 1024 * 1024;

export class AlertmanagerClient {
  private readonly base: URL;
  private readonly secrets: string[];

  constructor(private readonly settings: AlertmanagerSettings) {
    let u: URL;
    try {
      u = new URL(settings.url);
    } catch {
      throw new Error('the Alertmanager URL is not a valid URL (expected e.g. http://127.0.0.1:9093)');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`the Alertmanager URL must start with http:// or https://, not ${u.protocol}//`);
    this.secrets = [u.password, u.username, settings.auth?.kind === 'basic' ? settings.auth.password : '', settings.auth?.kind === 'bearer' ? settings.auth.token : ''].filter((s) => s.length >= 3);
    u.username = '';
    u.password = '';
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    this.base = u;
  }

  /** The URL as shown to the user: no credentials. */
  get displayUrl(): string {
    return this.base.origin + this.base.pathname.replace(/\/$/, '');
  }

  status(signal?: AbortSignal): Promise<AmResult<AlertmanagerStatus>> {
    return this.call('GET', 'api/v2/status', undefined, statusSchema, signal);
  }

  alerts(signal?: AbortSignal, filter: string[] = []): Promise<AmResult<GettableAlert[]>> {
    const q = filter.map((f) => `filter=${encodeURIComponent(f)}`).join('&');
    return this.call('GET', `api/v2/alerts${q ? `?${q}` : ''}`, undefined, z.array(gettableAlertSchema), signal);
  }

  silences(signal?: AbortSignal): Promise<AmResult<GettableSilence[]>> {
    return this.call('GET', 'api/v2/silences', undefined, z.array(gettableSilenceSchema), signal);
  }

  async createSilence(s: PostableSilence, signal?: AbortSignal): Promise<AmResult<string>> {
    const r = await this.call('POST', 'api/v2/silences', s, postSilenceAnswerSchema, signal);
    return r.ok ? { ok: true, value: r.value.silenceID } : r;
  }

  /** POST /api/v2/alerts: Alertmanager answers 200 with an empty body. */
  postAlerts(alerts: PostableAlert[], signal?: AbortSignal): Promise<AmResult<null>> {
    return this.call('POST', 'api/v2/alerts', alerts, null, signal);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: z.ZodType<T> | null, signal?: AbortSignal): Promise<AmResult<T>> {
    const url = new URL(path, this.base);
    const what = `${method} ${this.displayUrl}/${path.split('?')[0]}`;
    const timeout = AbortSignal.timeout(this.settings.timeoutMs ?? 10_000);
    const all = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Vigie' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const a = this.settings.auth;
    const inUrl = new URL(this.settings.url);
    if (a?.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
    else if (a?.kind === 'bearer') headers.authorization = `Bearer ${a.token}`;
    else if (inUrl.username) headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(inUrl.username)}:${decodeURIComponent(inUrl.password)}`).toString('base64')}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: all, redirect: 'error' });
    } catch (e) {
      if (signal?.aborted) return this.fail(`${what}: cancelled`);
      if (timeout.aborted) return this.fail(`${what}: no answer within ${Math.round((this.settings.timeoutMs ?? 10_000) / 1000)}s`);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      if (cause?.code === 'ECONNREFUSED') return this.fail(`${what}: connection refused — is Alertmanager running at ${this.displayUrl}?`);
      if (cause?.code === 'ENOTFOUND') return this.fail(`${what}: host ${this.base.hostname} not found`);
      return this.fail(`${what}: ${cause?.message ?? (e as Error).message}`);
    }
    let text: string;
    try {
      const buf = await res.arrayBuffer();
      if (buf.byteLength > MAX_BODY) return this.fail(`${what}: the answer is larger than ${MAX_BODY / 1024 / 1024} MB`);
      text = new TextDecoder().decode(buf);
    } catch (e) {
      return this.fail(`${what}: the answer was cut off (${(e as Error).message})`);
    }
    if (res.status === 401 || res.status === 403) return this.fail(`${what}: ${res.status} — Alertmanager refused the credentials`);
    if (!res.ok) {
      // Alertmanager words errors as a JSON string, or {code, message} from its OpenAPI layer.
      let detail = text.trim();
      try {
        const j = JSON.parse(detail) as unknown;
        if (typeof j === 'string') detail = j;
        else if (j && typeof j === 'object' && typeof (j as { message?: unknown }).message === 'string') detail = (j as { message: string }).message;
      } catch {
        // plain text
      }
      detail = detail.replace(/\s+/g, ' ').slice(0, 300);
      return this.fail(`${what}: ${res.status} ${res.statusText}${detail ? ` — ${detail}` : ''}`);
    }
    if (!schema) return { ok: true, value: null as T };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.fail(`${what}: the answer is not JSON (is ${this.displayUrl} an Alertmanager?)`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return this.fail(`${what}: unexpected answer at ${issue.path.join('.') || 'top level'}: ${issue.message}`);
    }
    return { ok: true, value: parsed.data };
  }

  private fail<T>(message: string): AmResult<T> {
    let m = message;
    for (const s of this.secrets) m = m.split(s).join('***');
    return { ok: false, error: m };
  }
}
