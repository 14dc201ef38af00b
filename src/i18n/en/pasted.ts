/** English messages: what the reader of pasted code does with real projects' code (issue 20). */
import type { P } from '../params.js';

export const pasted = {
  'torch.argNotRead': (p: P<'call' | 'name' | 'value'>) => `\`${p.call}\` got \`${p.name}=\` (${p.value}), which the reader does not read: the count could be wrong, so it is refused. Remove \`${p.name}=\` if the model does not need it.`,
  'torch.sizeType': (p: P<'call' | 'type'>) => `${p.call}(): size must be a tuple of ints, not ${p.type}`,
};
