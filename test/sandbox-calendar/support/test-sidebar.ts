/**
 * A test-only stand-in for the add-on sidebar (backend/addon-preview/): two plain pages at the routes the
 * Calendar points its iframe at, saying what they were opened with. It renders no card and runs no add-on.
 */
import { Router } from 'express';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, lines: string[]): string {
  return (
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><main><h1>${escape(title)}</h1><p><strong>Test sidebar</strong>: a stand-in for the add-on in the Calendar's own tests.</p>` +
    `${lines.map((line) => `<p>${escape(line)}</p>`).join('')}</main></body></html>`
  );
}

const query = (value: unknown): string => (typeof value === 'string' ? value : '');

export function testSidebarRouter(): Router {
  const router = Router();
  router.get('/home', (req, res) => {
    res.type('html').send(page('Together (test sidebar): home', [`User: ${query(req.query.user)}`]));
  });
  router.get('/event', (req, res) => {
    res
      .type('html')
      .send(
        page('Together (test sidebar): event', [
          `User: ${query(req.query.user)}`,
          `Calendar: ${query(req.query.calendarId)}`,
          `Event: ${query(req.query.eventId)}`,
        ]),
      );
  });
  return router;
}
