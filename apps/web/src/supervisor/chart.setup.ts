import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * Chart.js tree-shaken: only the bar and line charts, their elements and the category and
 * linear scales this screen draws are registered (and bundled).
 */
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export { Chart };

/** Series colours: the screen's accent first; distinct in greyscale too. */
export const SERIES_COLOURS = ['#1f5fbf', '#c05600', '#2e7d32'] as const;
