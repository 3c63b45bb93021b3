/**
 * One SSH connection per saved connection id, shared by every source on that host: opened
 * by the first source, closed when the last one goes. A failed open is not kept, so the next
 * add (after the user accepted the host key, say) tries again. A connection whose settings
 * changed is retired: its sources keep it until removed, new sources get a fresh one.
 */
import type { SshHost } from './ssh-host';

interface Entry {
  host: Promise<SshHost>;
  opened?: SshHost;
  refs: number;
}

export class SshHostPool {
  private readonly hosts = new Map<string, Entry>();
  private readonly retired = new Set<Entry>();

  constructor(private readonly open: (connectionId: string) => Promise<SshHost>) {}

  async acquire(connectionId: string): Promise<SshHost> {
    let entry = this.hosts.get(connectionId);
    if (!entry) {
      const created: Entry = { host: this.open(connectionId), refs: 0 };
      created.host.then(
        (h) => (created.opened = h),
        () => {
          if (this.hosts.get(connectionId) === created) this.hosts.delete(connectionId);
        },
      );
      this.hosts.set(connectionId, created);
      entry = created;
    }
    entry.refs++;
    try {
      return await entry.host;
    } catch (e) {
      entry.refs--;
      throw e;
    }
  }

  /** Gives back a host from `acquire`; the last holder closes it. */
  async release(host: SshHost): Promise<void> {
    const current = this.hosts.get(host.connectionId);
    const entry = current?.opened === host ? current : [...this.retired].find((e) => e.opened === host);
    if (!entry || --entry.refs > 0) return;
    if (entry === current) this.hosts.delete(host.connectionId);
    this.retired.delete(entry);
    await host.close();
  }

  /** The connection's settings changed: the next `acquire` opens a new connection. */
  retire(connectionId: string): void {
    const entry = this.hosts.get(connectionId);
    if (!entry) return;
    this.hosts.delete(connectionId);
    this.retired.add(entry);
  }

  /** How many sources hold each open connection (for tests and diagnostics). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.hosts].map(([id, e]) => [id, e.refs]));
  }
}
