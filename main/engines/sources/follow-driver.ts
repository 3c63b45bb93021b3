/**
 * Runs the follow machine against real or fake I/O until it is caught up. Both the fs
 * adapter and the tests use this loop, so what the tests check is what runs.
 */
import { FollowMachine, type FileObservation, type FollowEvent } from './follow-machine';

export interface FollowIO {
  /** What the path names now (null: missing, e.g. between rename and re-create). */
  statPath(): Promise<FileObservation | null>;
  /** The file held open (null: none yet). */
  statOpen(): Promise<FileObservation | null>;
  /** Opens what the path names now, closing the previous one; returns what it opened. */
  open(): Promise<FileObservation | null>;
  read(from: number, to: number): Promise<Uint8Array>;
}

/** One catch-up pass: acts until the machine has nothing to do (or maxSteps). */
export async function followStep(
  machine: FollowMachine,
  io: FollowIO,
  emit: (events: FollowEvent[]) => void,
  maxSteps = 10_000,
): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    const action = machine.next(await io.statPath(), await io.statOpen());
    if (action === null) break;
    if (action.kind === 'open') {
      const obs = await io.open();
      if (!obs) break;
      machine.opened(obs);
    } else if (action.kind === 'check') {
      machine.checked(await io.read(action.from, action.to));
    } else {
      const bytes = await io.read(action.from, action.to);
      if (bytes.length === 0) break; // raced with a truncation: the next pass sees it
      machine.data(action.from, bytes);
    }
    const events = machine.drain();
    if (events.length > 0) emit(events);
  }
  const rest = machine.drain();
  if (rest.length > 0) emit(rest);
}
