/**
 * ECharts' per-feature modules (`echarts/lib/...`) ship no declarations of their own; each exports
 * the installer that `use()` takes. Importing them one by one instead of through `echarts/charts`
 * and `echarts/components` loads what the pictures use and not every chart type (a third of the time).
 */
declare module 'echarts/lib/*' {
  export const install: Extract<Parameters<typeof import('echarts/core')['use']>[0], readonly unknown[]>[number];
}
