// Node shapes the executor narrows to (re-exported from the parse tree definitions).
import type { Node } from './nodes';
export type { BranchNode, CommandNode, ListNode, Node, PipeNode, VariableNode } from './nodes';
export type ChainNode = Extract<Node, { type: 'chain' }>;
