/** The quiz's vocabulary: levels, topics, why a round closed. Every floor speaks it. */
export const LEVELS = ['easy', 'medium', 'hard'] as const;
export type Level = (typeof LEVELS)[number];

export const TOPICS = ['dense', 'conv', 'batchnorm', 'pooling', 'separable', 'recurrent', 'model', 'macs', 'attention', 'llm', 'modern'] as const;
export type Topic = (typeof TOPICS)[number];

export const isLevel = (v: string): v is Level => (LEVELS as readonly string[]).includes(v);
export const isTopic = (v: string): v is Topic => (TOPICS as readonly string[]).includes(v);

/** Why a round closed: its time ran out, or an admin closed it. */
export type CloseReason = 'timeout' | 'admin';
