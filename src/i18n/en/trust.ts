/** English messages: what keeps one request from costing others (a question file past its bounds), and moments as the terminal tells them. */
import type { P } from '../params.js';

export const trust = {
  'import.tokens': (p: P<'name' | 'max'>) =>
    `\`${p.name}\` has more than ${p.max} pieces of YAML (values, colons, line breaks, comments); a file of 100 questions has a few thousand. Nothing was imported.`,
  'import.values': (p: P<'name' | 'max'>) => `\`${p.name}\` holds more than ${p.max} values; a file of 100 questions needs about a thousand. Nothing was imported.`,
  'import.keys': (p: P<'name' | 'line' | 'max'>) => `\`${p.name}\`, line ${p.line}: a mapping with more than ${p.max} keys; a question has spec, ask, level and wording. Nothing was imported.`,
  'import.depth': (p: P<'name' | 'line' | 'max'>) =>
    `\`${p.name}\`, line ${p.line}: nested more than ${p.max} levels deep; a question file is a list of questions of a few values each. Nothing was imported.`,
  'import.alias': (p: P<'name' | 'line'>) => `\`${p.name}\`, line ${p.line}: aliases (*name) are not read in a question file; write each question out in full. Nothing was imported.`,
  'import.columns': (p: P<'name' | 'max'>) => `\`${p.name}\` has more than ${p.max} columns; a question file's header is spec,ask,level,wording. Nothing was imported.`,
  'import.slow': (p: P<'seconds'>) => `That file takes more than ${p.seconds} s to read, so reading it was stopped (nobody else was slowed down): split it into smaller files. Nothing was imported.`,
  'import.heavy': () => `That file needs more memory to read than one import may use, so reading it was stopped: split it into smaller files. Nothing was imported.`,
  'when.today': (p: P<'time' | 'wait'>) => `today ${p.time} (in ${p.wait})`,
  'when.tomorrow': (p: P<'time' | 'wait'>) => `tomorrow ${p.time} (in ${p.wait})`,
  'when.minutes': (p: P<'n'>) => `${p.n} min`,
  'when.hours': (p: P<'h'>) => `${p.h} h`,
  'when.hoursMinutes': (p: P<'h' | 'm'>) => `${p.h} h ${p.m} min`,
};
