import { render } from 'preact';
import '../shared/styles.css';
import './supervisor.css';
import './metrics.css';
import './qa.css';
import { SupervisorApp } from './supervisor.app';

render(<SupervisorApp />, document.getElementById('app')!);
