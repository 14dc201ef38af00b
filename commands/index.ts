/** Every command and button action, for the adapters to register and dispatch. */
import { answerAction, answerCommand, choiceAction } from './answer.js';
import { checkCommand } from './check.js';
import { closeCommand } from './close.js';
import { compareCommand } from './compare.js';
import { countCommand, pasteAction, shareAction } from './count.js';
import { durationCommand } from './duration.js';
import { explainCommand } from './explain.js';
import { helpCommand } from './help.js';
import { leaderboardCommand } from './leaderboard.js';
import { quizCommand } from './quiz.js';
import { questionsCommand } from './questions.js';
import { exportCommand, meCommand, reportCommand } from './report.js';
import { cancelAction, removeScoresAction, removeScoresCommand } from './remove-scores.js';
import { practiceAnswerAction, practiceChoiceAction, reviewCommand } from './review.js';
import { scheduleCommand } from './schedule.js';
import { seasonCommand } from './season.js';
import { settingsCommand } from './settings.js';
import { statsCommand } from './stats.js';
import { tableAction, tableRevealAction } from './table.js';
import type { Action, Command } from './types.js';

export const COMMANDS: readonly Command[] = [
  countCommand,
  quizCommand,
  answerCommand,
  checkCommand,
  leaderboardCommand,
  statsCommand,
  meCommand,
  reviewCommand,
  explainCommand,
  compareCommand,
  closeCommand,
  durationCommand,
  settingsCommand,
  scheduleCommand,
  seasonCommand,
  removeScoresCommand,
  questionsCommand,
  reportCommand,
  exportCommand,
  helpCommand(() => COMMANDS),
];

export const ACTIONS: readonly Action[] = [
  choiceAction,
  answerAction,
  shareAction,
  pasteAction,
  practiceChoiceAction,
  practiceAnswerAction,
  removeScoresAction,
  cancelAction,
  tableAction,
  tableRevealAction,
];

export const findCommand = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name.toLowerCase());
export const findAction = (name: string): Action | undefined => ACTIONS.find((a) => a.name === name);

export type { Action, Args, Button, Command, Context, Reply } from './types.js';
