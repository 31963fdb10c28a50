/**
 * The customer widget, an embeddable page. A site embeds it in an iframe:
 *
 *   <iframe src="https://switchboard.example.com/widget/?domain=travel&group=vip"
 *           title="Customer service chat" style="width:400px;height:640px;border:0"
 *           allow="clipboard-write"></iframe>
 *
 * Query parameters: `domain` (required in practice; default "general"), `group` (optional
 * agent group), `title` (heading). Development only: `customer=<id>` signs in as that
 * customer; without it an anonymous id is kept in this browser's localStorage. Production
 * replaces the dev sign-in in customer-session.ts with a token handed over by the site.
 */
import { render } from 'preact';
import '../shared/styles.css';
import './widget.css';
import { readWidgetParams } from './widget-params';
import { Widget } from './widget.view';

render(
  <Widget params={readWidgetParams(window.location.search)} />,
  document.getElementById('app')!,
);
