import { render } from 'preact';
import '../shared/styles.css';

/** Placeholder until the Agent desktop screen lands. */
render(
  <main>
    <h1>Agent desktop</h1>
  </main>,
  document.getElementById('app')!,
);
