/**
 * A transport moves protocol messages between one client and one server. It knows nothing
 * of the API (VS Code ipc.ts). Messages are plain JSON-compatible objects; a transport may
 * serialise them (WebSocket) or structured-clone them (MessagePort, in-memory).
 */
export interface Transport<In, Out> {
  send(message: Out): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: In) => void): () => void;
  /** Called once when the peer goes away or close() is called. */
  onClose(listener: () => void): () => void;
  close(): void;
}

/** A small listener set, shared by transport implementations. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const l of [...this.set]) l(value);
  }
  clear(): void {
    this.set.clear();
  }
}
