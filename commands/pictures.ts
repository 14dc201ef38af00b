/** Pictures for replies: a drawing (pure data) turned into a Picture that the adapter draws when it is ready to. */
import type { Drawing } from '../src/charts/draw.js';
import { drawPng } from '../src/charts/queue.js';
import type { Picture } from './types.js';

export const picture = (drawing: Drawing): Picture => ({ name: drawing.name, alt: drawing.alt, png: () => drawPng(drawing) });
