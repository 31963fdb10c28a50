import { render } from 'preact';
import '../shared/styles.css';

/** Placeholder until the Supervisor screen lands. */
render(
  <main>
    <h1>Supervisor</h1>
  </main>,
  document.getElementById('app')!,
);
