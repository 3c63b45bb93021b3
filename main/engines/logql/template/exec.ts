// Execution of a parsed template, following text/template's exec.go: dot and variables,
// pipelines where the previous value becomes the last argument, Go's argument checking
// against parameter types, and Go's error texts with their "line:L:C … at <node>" context.
// Errors are thrown internally as ExecError and turned into values by the caller.

import { type CallContext, FuncError, type FuncMap, GO_PARAM_NAME, type GoFunc, type ParamType } from './func-types';
import { sprintValue } from './go-fmt';
import { quote } from './go-strconv';
import { GoComplex, GoDataMap, GoFloat, GoInt, GoMap, GoSlice, goTypeName, isTrue, type GoValue } from './go-values';
import type { BranchNode, ChainNode, CommandNode, ListNode, Node, PipeNode, VariableNode } from './exec-nodes';
import { nodeString } from './nodes';
import { timeMethod } from './time-methods';
import { utf8Length } from './utf8';

export const MAX_EXEC_DEPTH = 100000;
export class ExecError extends Error {}
const MISSING: unique symbol = Symbol('missing');
type Final = GoValue | typeof MISSING;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

export interface ExecLimits {
  maxSteps: number;
  maxOutput: number;
}

export interface Program {
  name: string;
  text: string;
  trees: Map<string, ListNode>;
  funcs: FuncMap;
  builtins: ReadonlySet<string>;
}

export class State {
  out = '';
  private vars: { name: string; value: GoValue }[] = [];
  private node: Node | undefined;
  private steps = 0;
  private depth = 0;
  private tmplName: string;

  constructor(
    private readonly prog: Program,
    private readonly ctx: CallContext,
    private readonly limits: ExecLimits,
  ) {
    this.tmplName = prog.name;
  }

  run(data: GoValue): void {
    this.vars = [{ name: '$', value: data }];
    this.walk(data, this.prog.trees.get(this.prog.name)!);
  }

  errorf(msg: string): never {
    if (!this.node) throw new ExecError(`template: ${this.tmplName}: ${msg}`);
    const text = this.prog.text.slice(0, this.node.pos);
    const nl = text.lastIndexOf('\n');
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    const col = utf8Length(nl < 0 ? text : text.slice(nl + 1));
    throw new ExecError(`template: ${this.prog.name}:${line}:${col}: executing ${quote(this.tmplName)} at <${nodeString(this.node)}>: ${msg}`);
  }

  private outputNearLimit(): boolean {
    return this.out.length > this.limits.maxOutput - 4096;
  }

  private step(): void {
    if (++this.steps > this.limits.maxSteps) this.errorf(`execution exceeded ${this.limits.maxSteps} steps (Vigie's bound on template work)`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }
  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: GoValue, node: Node): void {
    this.node = node;
    switch (node.type) {
      case 'action': {
        this.step();
        // Fast path for the common {{.label}}: same result as the general walk below.
        const cmds = node.pipe.cmds;
        if (cmds.length === 1 && node.pipe.decl.length === 0 && dot instanceof GoDataMap) {
          const a = cmds[0]!.args;
          const f = a[0]!;
          if (a.length === 1 && f.type === 'field' && f.ident.length === 1 && !this.outputNearLimit()) {
            this.out += dot.get(f.ident[0]!) ?? '';
            return;
          }
        }
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.node = node;
          this.out += val === undefined ? '<no value>' : typeof val === 'string' ? val : sprintValue(val);
          if (this.out.length > this.limits.maxOutput) this.errorf(`output exceeded ${this.limits.maxOutput} characters (Vigie's bound on template output)`);
        }
        return;
      }
      case 'text':
        this.out += node.text;
        if (this.out.length > this.limits.maxOutput) this.errorf(`output exceeded ${this.limits.maxOutput} characters (Vigie's bound on template output)`);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: GoValue, n: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, n.pipe);
      if (isTrue(val)) this.walk(n.type === 'with' ? val : dot, n.list);
      else if (n.elseList) this.walk(dot, n.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.node = r;
    const outer = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: GoValue, elem: GoValue): void => {
        this.step();
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.vars[this.vars.length - 1]!.value = elem;
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.vars[this.vars.length - 2]!.value = index;
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let ran = false;
      try {
        if (val instanceof GoInt) {
          if (decl.length > 1) this.errorf(`can't use ${sprintValue(val)} to iterate over more than one variable`);
          for (let i = 0n; i < val.v; i++) {
            ran = true;
            one(undefined, new GoInt(i, val.type));
          }
        } else if (val instanceof GoSlice) {
          val.items.forEach((item, i) => {
            ran = true;
            one(new GoInt(BigInt(i)), item);
          });
        } else if (val instanceof GoDataMap || val instanceof GoMap) {
          const keys = val instanceof GoDataMap ? val.keys() : [...val.entries.keys()];
          for (const k of keys.sort()) {
            ran = true;
            one(k, val instanceof GoDataMap ? val.get(k) : val.entries.get(k));
          }
        } else if (val !== undefined) this.errorf(`range can't iterate over ${sprintValue(val)}`);
      } catch (e) {
        if (e !== BREAK) throw e;
        return;
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outer;
    }
  }

  private walkTemplate(dot: GoValue, t: Extract<Node, { type: 'template' }>): void {
    this.node = t;
    const tmpl = this.prog.trees.get(t.name);
    if (!tmpl) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk(newDot, tmpl);
    } catch (e) {
      // JS runs out of stack long before Go's 100000 frames: report it as Go would at its limit.
      if (e instanceof RangeError) {
        this.node = t;
        this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      }
      throw e;
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (!pipe) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const v = value === MISSING ? undefined : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0]!, v);
      else this.vars.push({ name: d.ident[0]!, value: v });
    }
    return v;
  }

  private notAFunction(args: readonly Node[] | null, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args![0]!)}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    this.step();
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        this.node = first;
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${quote(nodeString(first))}`);
  }

  private idealConstant(n: Extract<Node, { type: 'number' }>): GoValue {
    this.node = n;
    if (n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoFloat(n.float64);
    if (n.isInt) return new GoInt(n.int64);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalChainNode(dot: GoValue, chain: ChainNode, args: readonly Node[] | null, final: Final): GoValue {
    this.node = chain;
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: readonly Node[] | null, final: Final): GoValue {
    this.node = v;
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, node: Node, ident: readonly string[], args: readonly Node[] | null, final: Final): GoValue {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  private evalField(dot: GoValue, name: string, node: Node, args: readonly Node[] | null, final: Final, receiver: GoValue): GoValue {
    if (receiver === undefined) return undefined; // missingkey=zero: a nil receiver yields the zero value
    const method = timeMethod(receiver, name);
    if (method) return this.evalCall(dot, method, false, node, name, args, final);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoDataMap) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return receiver.get(name) ?? ''; // map[string]string: a missing key is the zero value ""
    }
    if (receiver instanceof GoMap) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return receiver.entries.get(name);
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private evalFunction(dot: GoValue, node: Extract<Node, { type: 'identifier' }>, cmd: Node, args: readonly Node[] | null, final: Final): GoValue {
    this.node = node;
    const f = this.prog.funcs[node.ident];
    if (!f || !Object.prototype.hasOwnProperty.call(this.prog.funcs, node.ident)) this.errorf(`${quote(node.ident)} is not a defined function`);
    return this.evalCall(dot, f, this.prog.builtins.has(node.ident), cmd, node.ident, args, final);
  }

  private evalCall(dot: GoValue, f: GoFunc, isBuiltin: boolean, node: Node, name: string, allArgs: readonly Node[] | null, final: Final): GoValue {
    const args = allArgs ? allArgs.slice(1) : [];
    const numIn = args.length + (final === MISSING ? 0 : 1);
    let numFixed = args.length;
    if (f.variadic) {
      numFixed = f.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== f.params.length) this.errorf(`wrong number of args for ${name}: want ${f.params.length} got ${numIn}`);

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue = undefined;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: GoValue[] = new Array(numIn);
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv[i] = this.evalArg(dot, f.params[i]!, args[i]!);
    if (f.variadic) for (; i < args.length; i++) argv[i] = this.evalArg(dot, f.variadic, args[i]!);
    if (final !== MISSING) {
      const t = f.variadic && numIn - 1 >= numFixed ? f.variadic : f.params[numIn - 1]!;
      argv[i] = this.validateType(final, t);
    }
    if (isBuiltin && name === 'call') {
      const callee = args.length === 0 ? sprintValue(final === MISSING ? undefined : final) : nodeString(args[0]!);
      argv.unshift(callee);
    }
    try {
      return f.call(argv, this.ctx);
    } catch (e) {
      if (e instanceof FuncError) {
        this.node = node;
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  private validateType(value: GoValue, typ: ParamType | null): GoValue {
    if (value === undefined) {
      if (typ === null || typ === 'any' || typ === 'value') return undefined;
      this.errorf(`invalid value; expected ${GO_PARAM_NAME[typ]}`);
    }
    if (typ === null || typ === 'any' || typ === 'value') return value;
    const got = goTypeName(value);
    if (got !== typ) this.errorf(`wrong type for value; expected ${GO_PARAM_NAME[typ]}; got ${got}`);
    return value;
  }

  private evalArg(dot: GoValue, typ: ParamType | null, n: Node): GoValue {
    this.node = n;
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any' || typ === 'value' || typ === null) return undefined;
        this.errorf(`cannot assign nil to ${GO_PARAM_NAME[typ]}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return new GoFloat(n.float64);
        this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int':
      case 'int64':
        if (n.type === 'number' && n.isInt) return new GoInt(n.int64, typ);
        this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      case null:
      case 'any':
      case 'value':
        return this.evalEmptyInterface(dot, n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${GO_PARAM_NAME[typ]}`);
  }

  private evalEmptyInterface(dot: GoValue, n: Node): GoValue {
    this.node = n;
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }
}
