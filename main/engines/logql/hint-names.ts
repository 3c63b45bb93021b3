/**
 * RequiredLabelNames() of Loki's stages, which parser hints add to the labels a metric query
 * needs: label filters name their labels, line_format and label_format the fields their
 * templates read (listNodeFields in fmt.go: `{{.a.b}}` reads both a and b; variables,
 * chained fields and {{template}} calls read none), a label_format rename its source.
 */
import type { LabelFilterExpr, PipelineStage } from '../../../shared/logql/ast';
import { TEMPLATE_FUNCTIONS } from './template/index';
import type { ListNode, Node, PipeNode } from './template/nodes';
import { parseTemplate } from './template/parser';

const hasFunction = (name: string): boolean => Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCTIONS, name);

function pipeFields(p: PipeNode | undefined, out: string[]): void {
  if (!p) return;
  for (const c of p.cmds) nodeFields(c.args, out);
}

function nodeFields(nodes: readonly (Node | PipeNode | ListNode)[], out: string[]): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'pipe':
        pipeFields(n, out);
        break;
      case 'action':
        pipeFields(n.pipe, out);
        break;
      case 'list':
        nodeFields(n.nodes, out);
        break;
      case 'command':
        nodeFields(n.args, out);
        break;
      case 'if':
      case 'with':
      case 'range':
        pipeFields(n.pipe, out);
        nodeFields(n.list.nodes, out);
        if (n.elseList) nodeFields(n.elseList.nodes, out);
        break;
      case 'field':
        out.push(...n.ident);
        break;
    }
  }
}

/** The fields a template reads, in order, unique (a template that does not parse reads none). */
export function templateFields(kind: 'line' | 'label', text: string): string[] {
  const parsed = parseTemplate(kind, text, hasFunction);
  if (!parsed.ok) return [];
  const root = parsed.trees.get(kind);
  const out: string[] = [];
  if (root) nodeFields(root.nodes, out);
  return [...new Set(out.filter((f) => f !== ''))];
}

/** RequiredLabelNames of a label filter (a no-op `=~".*"` filter names none: pass noop). */
export function filterNames(f: LabelFilterExpr, out: string[] = []): string[] {
  switch (f.kind) {
    case 'and':
    case 'or':
      filterNames(f.left, out);
      filterNames(f.right, out);
      return out;
    case 'string':
      out.push(f.matcher.name);
      return out;
    default:
      out.push(f.name);
      return out;
  }
}

/** ReduceStages(stages).RequiredLabelNames(), given which label filter stages are no-ops. */
export function stagesRequiredNames(stages: readonly PipelineStage[], isNoop: (s: PipelineStage) => boolean): string[] {
  const out: string[] = [];
  for (const s of stages) {
    switch (s.kind) {
      case 'labelFilter':
        if (!isNoop(s)) filterNames(s.filter, out);
        break;
      case 'lineFormat':
        out.push(...templateFields('line', s.template));
        break;
      case 'labelFormat': {
        const names: string[] = [];
        for (const op of s.ops) {
          if (op.kind === 'rename') names.push(op.src);
          else names.push(...templateFields('label', op.template));
        }
        out.push(...new Set(names));
        break;
      }
      default:
        break;
    }
  }
  return out;
}
