/**
 * Chart.js with only what the statistics draw: bar and line charts on a category and a linear axis,
 * with tooltips and a legend. Imported dynamically by StatChart, so Chart.js is a chunk of its own
 * that only the statistics page fetches.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };
