/**
 * One SSH host, kept connected: ssh2's Client with the host key checked against known_hosts
 * (ssh2 accepts ANY key unless given a hostVerifier: here an unknown key fails with its
 * fingerprint and a changed or revoked one is refused), agent and key-file auth, keepalive
 * on (ssh2's default is off), and reconnection with capped exponential backoff when an
 * established connection drops. Operations (`withSftp`) that fail because the
 * transport went away wait for the next connection and run again, so callers that read at
 * an offset resume there; they fail only on a problem reconnecting cannot fix (host key,
 * auth, a file's own error) or after `close()`.
 *
 * The first `connect()` does not retry: whoever asked (the "test" button) hears at once why
 * it failed. Network failures while reconnecting are retried forever (a laptop waking up);
 * the state (`state()`, `onState`) says what is happening.
 */
import type { Client, SFTPWrapper } from 'ssh2';
import type { KnownHosts } from './known-hosts';
import { connectOnce, type SshTarget } from './ssh-handshake';

export type { SshTarget } from './ssh-handshake';
import { OperationStopped, SshFailure, sftpProblem, type SshProblem } from './ssh-errors';

export interface SshConnectionOptions {
  knownHosts: KnownHosts;
  /** Keepalive probe interval (default 15 s) and how many may go unanswered (default 3). */
  keepaliveMs?: number;
  keepaliveCountMax?: number;
  /** Handshake deadline (default 20 s). */
  readyTimeoutMs?: number;
  /** Reconnect delays: initialMs, doubled each failure, capped at maxMs (default 500 ms → 30 s). */
  backoff?: { initialMs: number; maxMs: number };
}

export type SshConnectionState =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'ready'; generation: number }
  | { kind: 'reconnecting'; attempt: number; nextInMs: number; problem: SshProblem }
  | { kind: 'failed'; problem: SshProblem }
  | { kind: 'closed' };

export class SshConnection {
  readonly host: string;
  readonly port: number;
  private st: SshConnectionState = { kind: 'idle' };
  private client: Client | null = null;
  private sftpSession: Promise<SFTPWrapper> | null = null;
  private gen = 0;
  private waiters: { resolve: () => void; reject: (e: SshFailure) => void }[] = [];
  private readonly listeners = new Set<(s: SshConnectionState) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Rejects when the current connection ends. Operations race it: a request sent on a
   * channel that dies with its connection may never be answered, and must not hang.
   */
  private lost: { promise: Promise<never>; reject: (e: Error) => void } = SshConnection.lostSignal();

  private static lostSignal(): { promise: Promise<never>; reject: (e: Error) => void } {
    let reject!: (e: Error) => void;
    const promise = new Promise<never>((_, r) => (reject = r));
    promise.catch(() => undefined);
    return { promise, reject };
  }

  constructor(
    private readonly target: SshTarget,
    private readonly options: SshConnectionOptions,
  ) {
    if (!target.host) throw new Error('SshConnection: host is required');
    if (!target.username) throw new Error('SshConnection: username is required');
    if (!target.agent && !target.privateKeyPath) throw new Error('SshConnection: give an agent socket or a private key file');
    this.host = target.host;
    this.port = target.port ?? 22;
    if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) throw new Error(`SshConnection: bad port ${target.port}`);
  }

  state(): SshConnectionState {
    return this.st;
  }
  /** Increments with every established connection: SFTP handles from an older one are gone. */
  get generation(): number {
    return this.gen;
  }
  onState(listener: (s: SshConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Connects once; rejects with an SshFailure saying why (no retry). While a connection is
   * being made (or remade) it waits for that one; after a failure (the user accepted the
   * host key, fixed the key file) it tries again.
   */
  async connect(): Promise<void> {
    const s = this.st.kind;
    if (s === 'ready') return;
    if (s === 'closed') throw new SshFailure({ kind: 'closed' });
    if (s === 'connecting' || s === 'reconnecting') return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.setState({ kind: 'connecting' });
    let client: Client;
    try {
      client = await connectOnce(this.target, this.port, this.options);
    } catch (e) {
      const failure = e instanceof SshFailure ? e : new SshFailure({ kind: 'network', reason: 'other', detail: String((e as Error)?.message ?? e), host: this.host, port: this.port });
      if (this.state().kind !== 'closed') this.setState({ kind: 'failed', problem: failure.problem }); // state(): not narrowed across the await
      this.rejectWaiters(failure);
      throw failure;
    }
    if (this.state().kind === 'closed') {
      client.end();
      throw new SshFailure({ kind: 'closed' });
    }
    this.established(client);
  }

  /** Runs `op` on the SFTP session; after a dropped connection, again on the next one. */
  async withSftp<T>(path: string, op: (sftp: SFTPWrapper, generation: number) => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      await this.ready();
      const gen = this.gen;
      const lost = this.lost.promise;
      try {
        const sftp = await Promise.race([this.sftp(gen), lost]);
        return await Promise.race([op(sftp, gen), lost]);
      } catch (e) {
        if (e instanceof SshFailure || e instanceof OperationStopped) throw e;
        const p = sftpProblem(e, path);
        if (p) throw new SshFailure(p);
        await this.afterTransportError(gen, failures, e);
      }
    }
  }

  /**
   * After an error that is not a file's: if the connection is going away, the caller's next
   * ready() waits for the new one. If it stays up, only the channel failed (an SFTP server
   * that exited): a new SFTP session is tried, a few times at most.
   */
  private async afterTransportError(gen: number, failures: number, e: unknown): Promise<void> {
    await new Promise((r) => setTimeout(r, 100)); // the socket's 'close' follows its channels' errors
    if (gen !== this.gen || this.st.kind !== 'ready') return;
    this.sftpSession = null;
    if (failures >= 3) throw new SshFailure({ kind: 'remote', path: `${this.host}:${this.port}`, detail: `SSH channel failed: ${(e as Error)?.message ?? String(e)}` });
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.setState({ kind: 'closed' });
    this.rejectWaiters(new SshFailure({ kind: 'closed' }));
    this.lost.reject(new SshFailure({ kind: 'closed' }));
    const c = this.client;
    this.client = null;
    this.sftpSession = null;
    c?.end();
  }

  /** Resolves when connected; rejects when failed for good or closed. */
  private ready(): Promise<void> {
    const s = this.st;
    if (s.kind === 'ready') return Promise.resolve();
    if (s.kind === 'failed') return Promise.reject(new SshFailure(s.problem));
    if (s.kind === 'closed') return Promise.reject(new SshFailure({ kind: 'closed' }));
    return this.connect(); // idle: connect now; connecting / reconnecting: wait for it
  }

  private sftp(gen: number): Promise<SFTPWrapper> {
    if (!this.sftpSession || gen !== this.gen) {
      const client = this.client!;
      this.sftpSession = new Promise<SFTPWrapper>((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
      this.sftpSession.catch(() => undefined);
    }
    return this.sftpSession;
  }

  private established(client: Client): void {
    this.client = client;
    this.sftpSession = null;
    this.gen++;
    const gen = this.gen;
    const lost = (this.lost = SshConnection.lostSignal());
    let lastError = 'connection closed';
    client.on('error', (e: Error) => (lastError = e.message));
    client.on('close', () => {
      lost.reject(new Error(`connection lost: ${lastError}`));
      if (this.gen !== gen || this.st.kind === 'closed') return;
      this.client = null;
      this.sftpSession = null;
      this.reconnect(0, { kind: 'connection-lost', detail: lastError, host: this.host, port: this.port });
    });
    this.setState({ kind: 'ready', generation: gen });
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x.resolve();
  }

  private reconnect(attempt: number, problem: SshProblem): void {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 500, maxMs: 30_000 };
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
    this.setState({ kind: 'reconnecting', attempt, nextInMs: delay, problem });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      connectOnce(this.target, this.port, this.options).then(
        (client) => (this.st.kind === 'closed' ? client.end() : this.established(client)),
        (e: SshFailure) => {
          if (this.st.kind === 'closed') return;
          if (e.problem.kind === 'network') return this.reconnect(attempt + 1, e.problem);
          this.setState({ kind: 'failed', problem: e.problem }); // host key, auth: the user must act
          this.rejectWaiters(e);
        },
      );
    }, delay);
  }

  private rejectWaiters(e: SshFailure): void {
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x.reject(e);
  }

  private setState(s: SshConnectionState): void {
    this.st = s;
    for (const l of [...this.listeners]) l(s);
  }
}
