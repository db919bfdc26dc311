import './zod-setup.ts';
import { render } from 'solid-js/web';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('courtside: #root is missing from index.html');
render(() => <App />, root);
