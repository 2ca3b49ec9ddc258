/**
 * uPlot, fetched once, on first need: the first view paints its rows without it (a
 * sparkline with no values yet draws nothing), and the main chunk does not carry it.
 */
import type uPlot from 'uplot';

export type UPlotClass = typeof uPlot;

let loaded: UPlotClass | null = null;
let loading: Promise<UPlotClass> | null = null;

/** uPlot if it is here already, so a chart mounted later makes its plot in the same commit. */
export function loadedUplot(): UPlotClass | null {
  return loaded;
}

export function loadUplot(): Promise<UPlotClass> {
  loading ??= import('./uplot-module').then(
    (module) => {
      loaded = module.default;
      return module.default;
    },
    (error: unknown) => {
      // A failed fetch is not remembered: the next chart to want uPlot asks again.
      loading = null;
      throw error;
    },
  );
  return loading;
}
