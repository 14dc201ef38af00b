/**
 * /count's flags, by what follows them: read by spec.ts (extractFlags), and known in pasted code
 * (code/source.ts takes a line of them after the code; code/read.ts names one typed on a line of
 * code, where Python reads `--memory` as minus minus memory).
 */

/** Followed by a word: `--framework keras`, `--lang zh-TW`. */
export const WORD_FLAGS = ['framework', 'fw', 'lang'] as const;

/** Followed by a number: `--seq 128`. */
export const NUMBER_FLAGS = ['seq', 'batch', 'depth'] as const;

/** Standing alone; `--depth` too, for torchinfo's default depth. */
export const BARE_FLAGS = ['json', 'layers', 'memory', 'log', 'keras', 'pytorch', 'torch', 'zh-tw', 'zh', 'en', 'depth'] as const;

export const FLAG_NAMES: ReadonlySet<string> = new Set<string>([...WORD_FLAGS, ...NUMBER_FLAGS, ...BARE_FLAGS]);
