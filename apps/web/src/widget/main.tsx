import { render } from 'preact';
import '../shared/styles.css';

/** Placeholder until the Customer service screen lands. */
render(
  <main>
    <h1>Customer service</h1>
  </main>,
  document.getElementById('app')!,
);
