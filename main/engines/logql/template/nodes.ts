// The parse tree of text/template (parse/node.go), with Go's String() rendering: execution
// errors quote the failing node as Go prints it ("executing \"line\" at <.foo>").

import { quote } from './go-strconv';

export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: [number, number];
  text: string;
}

export type Node =
  | { type: 'text'; pos: number; text: string }
  | { type: 'comment'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'chain'; pos: number; node: Node; field: string[] }
  | CommandNode
  | { type: 'dot'; pos: number }
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'identifier'; pos: number; ident: string }
  | BranchNode
  | ListNode
  | { type: 'nil'; pos: number }
  | ({ type: 'number'; pos: number } & NumberValue)
  | PipeNode
  | { type: 'string'; pos: number; quoted: string; text: string }
  | { type: 'template'; pos: number; line: number; name: string; pipe: PipeNode | undefined }
  | VariableNode
  | { type: 'break'; pos: number; line: number }
  | { type: 'continue'; pos: number; line: number }
  | { type: 'else'; pos: number; line: number }
  | { type: 'end'; pos: number };

export interface ListNode {
  type: 'list';
  pos: number;
  nodes: Node[];
}
export interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  type: 'command';
  pos: number;
  args: Node[];
}
export interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}
export interface BranchNode {
  type: 'if' | 'range' | 'with';
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}

/** Go's Node.String(); textAsQuoted renders text nodes with %q, as Go's parse tests do. */
export function nodeString(n: Node, textAsQuoted = false): string {
  const s = (x: Node) => nodeString(x, textAsQuoted);
  switch (n.type) {
    case 'text':
      return textAsQuoted ? quote(n.text) : n.text;
    case 'comment':
      return '{{' + n.text + '}}';
    case 'action':
      return '{{' + s(n.pipe) + '}}';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'chain':
      return (n.node.type === 'pipe' ? '(' + s(n.node) + ')' : s(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? '(' + s(a) + ')' : s(a))).join(' ');
    case 'dot':
      return '.';
    case 'field':
      return n.ident.map((f) => '.' + f).join('');
    case 'identifier':
      return n.ident;
    case 'if':
    case 'range':
    case 'with':
      return '{{' + n.type + ' ' + s(n.pipe) + '}}' + s(n.list) + (n.elseList ? '{{else}}' + s(n.elseList) : '') + '{{end}}';
    case 'list':
      return n.nodes.map(s).join('');
    case 'nil':
      return 'nil';
    case 'number':
      return n.text;
    case 'pipe': {
      let out = '';
      if (n.decl.length) out += n.decl.map(s).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return out + n.cmds.map(s).join(' | ');
    }
    case 'string':
      return n.quoted;
    case 'template':
      return '{{template ' + quote(n.name) + (n.pipe ? ' ' + s(n.pipe) : '') + '}}';
    case 'variable':
      return n.ident.join('.');
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'else':
      return '{{else}}';
    case 'end':
      return '{{end}}';
  }
}
