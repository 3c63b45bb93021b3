import type { z } from 'zod';

/**
 * The two kinds of things a contract holds: a procedure answers once; a stream (an event
 * subscription) yields values until it ends or the caller unsubscribes. Both are cancellable.
 */
export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'procedure';
  readonly input: I;
  readonly output: O;
}
export interface StreamDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly input: I;
  readonly output: O;
}
export type Def = ProcedureDef | StreamDef;
export type Contract = Readonly<Record<string, Def>>;

export function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ProcedureDef<I, O> {
  return { kind: 'procedure', input, output };
}
export function stream<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): StreamDef<I, O> {
  return { kind: 'stream', input, output };
}

export type ProcedureNames<C extends Contract> = { [K in keyof C]: C[K] extends ProcedureDef ? K : never }[keyof C] & string;
export type StreamNames<C extends Contract> = { [K in keyof C]: C[K] extends StreamDef ? K : never }[keyof C] & string;

/** What the caller passes (before defaults), and what the handler receives (after parsing). */
export type InputOf<D extends Def> = z.input<D['input']>;
export type ParsedInputOf<D extends Def> = z.output<D['input']>;
export type OutputOf<D extends Def> = z.output<D['output']>;

export interface HandlerContext {
  /** Aborted when the caller cancels, unsubscribes or disconnects. */
  readonly signal: AbortSignal;
}

/**
 * What a server must implement: one function per contract entry. `services` satisfies
 * `Handlers<typeof contract>`, so a missing or mistyped handler fails the type check.
 */
export type Handlers<C extends Contract> = {
  [K in keyof C]: C[K] extends ProcedureDef
    ? (input: ParsedInputOf<C[K]>, ctx: HandlerContext) => Promise<OutputOf<C[K]>>
    : C[K] extends StreamDef
      ? (input: ParsedInputOf<C[K]>, ctx: HandlerContext) => AsyncIterable<OutputOf<C[K]>>
      : never;
};
