/**
 * A picture as data (an ECharts option, its size, its alt text and file name), and the two ways it
 * is drawn: SVG by ECharts' server-side renderer, PNG from that SVG by resvg. Both are loaded on
 * the first drawing, not at start-up: in the bot that is the picture worker, so neither ever
 * occupies the main thread's heap, and the CLI loads them only when asked for a chart.
 */
import type { EChartsOption } from 'echarts';
import { FONT_FAMILY, fontFilesFor } from './fonts.js';

/** What a picture is, before it is drawn. */
export interface Drawing {
  /** File name, `vgg16-parameters.png`. */
  readonly name: string;
  /** What the picture shows, in the reply's language (alt text for screen readers and previews). */
  readonly alt: string;
  readonly width: number;
  readonly height: number;
  readonly option: EChartsOption;
}

/** No picture is larger than this, whatever its data: chats scale images down past it anyway. */
export const MAX_SIDE = 1600;

type ECharts = typeof import('echarts/core');

let loading: Promise<ECharts> | undefined;
let resvgLoading: Promise<typeof import('@resvg/resvg-js')> | undefined;

/** ECharts with only what the pictures use: bar and scatter series, grids, titles, shapes, SVG. */
function echarts(): Promise<ECharts> {
  loading ??= (async () => {
    const core = await import('echarts/core');
    const parts = await Promise.all([
      import('echarts/lib/chart/bar/install.js'),
      import('echarts/lib/chart/scatter/install.js'),
      import('echarts/lib/component/grid/install.js'),
      import('echarts/lib/component/title/install.js'),
      import('echarts/lib/component/legend/install.js'),
      import('echarts/lib/component/graphic/install.js'),
      import('echarts/lib/component/marker/installMarkPoint.js'),
      import('echarts/lib/renderer/installSVGRenderer.js'),
    ]);
    core.use(parts.map((p) => p.install));
    return core;
  })();
  return loading;
}

/** Loads ECharts and resvg now (the picture worker does, before it takes its first recipe). */
export async function loadRenderers(): Promise<void> {
  await Promise.all([echarts(), (resvgLoading ??= import('@resvg/resvg-js'))]);
}

export async function toSvg(drawing: Drawing): Promise<string> {
  const width = Math.min(drawing.width, MAX_SIDE);
  const height = Math.min(drawing.height, MAX_SIDE);
  const chart = (await echarts()).init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY }, aria: { enabled: false }, ...drawing.option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await (resvgLoading ??= import('@resvg/resvg-js'));
  const resvg = new Resvg(svg, {
    font: { fontFiles: fontFilesFor(svg), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    // Kept as drawn: ECharts already sized the picture.
    fitTo: { mode: 'original' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

export async function toPng(drawing: Drawing): Promise<Uint8Array> {
  return await svgToPng(await toSvg(drawing));
}
