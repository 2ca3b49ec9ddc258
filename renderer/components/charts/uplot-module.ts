/** uPlot with its stylesheet: the chunk load-uplot.ts fetches the first time a chart has something to draw. */
import 'uplot/dist/uPlot.min.css';

export { default } from 'uplot';
