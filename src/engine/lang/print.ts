/**
 * Model nodes back to canonical /count text: defs appear expanded (as groups), `if`s decided.
 * Parsing the text gives back nodes that print the same and count the same.
 */
import type { Node } from '../model.js';

export function printNodes(nodes: readonly Node[]): string {
  return nodes.map(printNode).join(' > ');
}

const braced = (nodes: readonly Node[]) => (nodes.length === 0 ? '{ }' : `{ ${printNodes(nodes)} }`);

function printNode(node: Node): string {
  const label = node.label === undefined ? '' : `${node.label}: `;
  const frozen = (node.frozen ? ' trainable=false' : '') + (node.className === undefined ? '' : ` class=${node.className}`);
  switch (node.t) {
    case 'layer': {
      const text = node.layer.print() + (node.tie ? ` tie=${node.tie.name}` : '');
      return frozen !== '' ? `${label}{ ${text} }${frozen}` : label + text;
    }
    case 'seq':
      return `${label}${braced(node.nodes)}${frozen}`;
    case 'repeat': {
      const body = node.body.t === 'seq' && node.body.label === undefined && !node.body.frozen ? braced(node.body.nodes) : node.body.t === 'ref' ? printNode(node.body) : `{ ${printNode(node.body)} }`;
      const start = node.start ? ` start=${node.start}` : '';
      return `${label}${body} x${node.times}${start}${frozen}`;
    }
    case 'merge':
      return `${label}${node.word} { ${node.branches.map(printNodes).join(' | ')} }${frozen}`;
    case 'side':
      return `${label}side ${braced(node.nodes)}${frozen}`;
    case 'section':
      // The parser takes no option on a section: a frozen one (a frozen preset's) freezes what it holds.
      return `section ${node.title} ${braced(node.frozen ? node.nodes.map((n) => ({ ...n, frozen: true })) : node.nodes)}`;
    case 'ref':
      return `${label}@${node.link.name}`;
    case 'from':
      return `${label}from ${node.name}`;
  }
}
