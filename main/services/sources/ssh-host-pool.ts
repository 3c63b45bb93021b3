/**
 * One SSH connection per saved connection id, shared by every source on that host: opened
 * by the first source, closed when the last one goes. A failed open is not kept, so the next
 * add (after the user accepted the host key, say) tries again.
 */
import type { SshHost } from './ssh-host';

export class SshHostPool {
  private readonly hosts = new Map<string, { host: Promise<SshHost>; refs: number }>();

  constructor(private readonly open: (connectionId: string) => Promise<SshHost>) {}

  async acquire(connectionId: string): Promise<SshHost> {
    let entry = this.hosts.get(connectionId);
    if (!entry) {
      const created = { host: this.open(connectionId), refs: 0 };
      created.host.catch(() => {
        if (this.hosts.get(connectionId) === created) this.hosts.delete(connectionId);
      });
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

  async release(connectionId: string): Promise<void> {
    const entry = this.hosts.get(connectionId);
    if (!entry || --entry.refs > 0) return;
    this.hosts.delete(connectionId);
    await (await entry.host).close();
  }

  /** How many sources hold each open connection (for tests and diagnostics). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.hosts].map(([id, e]) => [id, e.refs]));
  }
}
