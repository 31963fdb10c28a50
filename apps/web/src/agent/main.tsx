import { render } from 'preact';
import '../shared/styles.css';
import './agent.css';
import { AgentApp } from './agent-app.view';

render(<AgentApp />, document.getElementById('app')!);
