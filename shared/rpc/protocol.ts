import type { AppError } from '../model/app-error';

/**
 * The wire protocol, the same over every transport (in-memory, WebSocket, MessagePort).
 * It knows nothing of the API: names are looked up in the contract on the server side.
 * Ids are chosen by the client and are unique per connection.
 */
export type ClientMessage =
  | { t: 'call'; id: number; name: string; input: unknown }
  | { t: 'subscribe'; id: number; name: string; input: unknown }
  | { t: 'cancel'; id: number }; // cancels a call or ends a subscription

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: AppError }
  | { t: 'event'; id: number; value: unknown }
  | { t: 'end'; id: number; error?: AppError };

export function isClientMessage(m: unknown): m is ClientMessage {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as Record<string, unknown>;
  if (typeof x.id !== 'number' || !Number.isSafeInteger(x.id)) return false;
  if (x.t === 'cancel') return true;
  return (x.t === 'call' || x.t === 'subscribe') && typeof x.name === 'string';
}

export function isServerMessage(m: unknown): m is ServerMessage {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as Record<string, unknown>;
  return typeof x.id === 'number' && (x.t === 'result' || x.t === 'event' || x.t === 'end');
}
