/** English messages: a file given with a command (/count file:, /questions action:import), read the same way on every platform. */
import type { P } from '../params.js';

export const files = {
  'file.none': () => `No file came with the command: attach one (on Slack, share it in this channel first, then run the command).`,
  'file.notText': (p: P<'name'>) => `${p.name} is not a text file: attach a UTF-8 text file (.py, .txt, .csv, .yaml).`,
  'file.tooLarge': (p: P<'name' | 'max'>) => `${p.name} is too large: a command reads at most ${p.max}.`,
  'file.unreadable': (p: P<'name'>) => `${p.name} could not be downloaded just now; try attaching it again.`,
  'file.missing': (p: P<'name' | 'why'>) => `${p.name} cannot be read: ${p.why}.`,
  'file.notListed': () => `The files shared in this channel could not be listed just now; try again.`,
};
