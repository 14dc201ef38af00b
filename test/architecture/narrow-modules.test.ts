/**
 * The build rewrites a module's few characters past Latin-1 as escapes, so V8 keeps its text at one
 * byte a character (tools/build.mjs, narrowModule): the module must mean exactly what it meant.
 */
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
// @ts-expect-error: the build script is plain JavaScript, without types
import { narrowModule } from '../../tools/build.mjs';

const narrow = narrowModule as (text: string) => string;

it('escapes the wide characters of a mostly Latin-1 module, and it computes the same values', () => {
  const module = [
    'const tag = (s, ...v) => s.join("|") + v.join("|");',
    'const 卷積 = "(3×3×3 + 1)·64 → 1,792 − 0 ⌊x⌋";',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: module text, evaluated below
    'const out = [卷積, `${卷積.length}→${"層"}`, tag`甲${1}乙`, /[→⌊⌋]/g.exec(卷積)[0], "😀".length, /^.$/u.test("😀")];',
    'out;',
  ].join('\n');
  const escaped = narrow(module);
  expect([...escaped].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
  expect(escaped).toContain('\\u2192');
  expect(runInNewContext(escaped)).toEqual(runInNewContext(module));
});

it('leaves a module alone when escapes would cost more than two bytes a character (a Chinese catalogue)', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: module text
  const catalogue = "export const m = { 'a.b': (p) => `共有${p.n}個參數，其中${p.k}個可以訓練；其餘的是移動平均與變異數，不會被梯度更新。` };";
  expect(narrow(catalogue)).toBe(catalogue);
  expect(narrow('const plain = "3×3";')).toBe('const plain = "3×3";');
});
