/** Every command and button action, for the adapters to register and dispatch. */
import { answerAction, answerCommand, choiceAction } from './answer.js';
import { closeCommand } from './close.js';
import { countCommand, shareAction } from './count.js';
import { explainCommand } from './explain.js';
import { helpCommand } from './help.js';
import { leaderboardCommand } from './leaderboard.js';
import { quizCommand } from './quiz.js';
import { statsCommand } from './stats.js';
import type { Action, Command } from './types.js';

export const COMMANDS: readonly Command[] = [
  countCommand,
  quizCommand,
  answerCommand,
  leaderboardCommand,
  statsCommand,
  explainCommand,
  closeCommand,
  helpCommand(() => COMMANDS),
];

export const ACTIONS: readonly Action[] = [choiceAction, answerAction, shareAction];

export const findCommand = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name.toLowerCase());
export const findAction = (name: string): Action | undefined => ACTIONS.find((a) => a.name === name);

export type { Action, Args, Button, Command, Context, Reply } from './types.js';
