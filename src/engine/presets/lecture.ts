/**
 * The model of the lecture the bot teaches from (shared/seeds/lecture-param-count.zh-TW.txt):
 * VGG16 with a 2-class head, one layer per line as its summary table lists them. It is a preset
 * data file (data/keras/vgg16-lecture.pq) like any other; this is its text, which is also a
 * valid /count spec (the header is comments). The engine must reproduce the lecture's table row
 * for row (test/engine/vgg16-lecture.test.ts).
 */
import { findPreset } from './index.js';

export const LECTURE_VGG16: string = findPreset('vgg16-lecture')!.files.keras!.file.read();
