import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './proc.js';

/**
 * The publisher's page the host-page section measures: a news article of about 900 words, styled by the
 * demo's stylesheet, with the comments either in the middle of the text (after the lead, in view when a
 * phone opens the page) or after the whole article (several screens below the fold). Only the widget
 * changes between the pages compared, never the article around it.
 */

export type Placement = 'in-text' | 'end';

export interface ArticleOptions {
  placement: Placement;
  /** The comments' markup: `<confab-comments …>` or a server-rendered fragment; null for no widget. */
  widget: string | null;
  /** embed.js's address, loaded as the README tells publishers to; null for no script. */
  script: string | null;
}

const TITLE = 'River port reopens after three dry summers';

const LEAD = [
  `For three summers the barges did not come. The river at Kerbulak fell so low that the channel markers stood
  on dry sand, and the grain that used to leave by water went out on trucks instead, at twice the cost.`,
  `Last week the first loaded barge in almost four years tied up at the rebuilt quay, carrying fertiliser
  upstream and, on the way back, wheat from farms that had stored it since the harvest.`,
];

const BODY = [
  `The reopening is the result of a dredging programme that began in the spring, paid for jointly by the
  regional government and a consortium of grain traders. Engineers deepened a twelve-kilometre stretch of
  the channel below the town and moved the main berth forty metres out, to where the water stays deep even
  in August.`,
  `"We did not make the river bigger. We only stopped pretending it was the river of 1990," said Asel
  Omarova, the hydrologist who led the survey. Her team mapped the bed with a sonar boat borrowed from the
  university and found that the old channel had silted up almost entirely on the inside of the bend.`,
  `The port once handled a fifth of the district's grain. By the last dry summer it handled none, and the
  warehouse workers who had not left for the city were repairing trucks instead. Half of them are back on
  the quay now, though most are on contracts that end in October, when the water usually drops again.`,
  `Farmers are cautiously pleased. Moving a tonne of wheat to the railhead by road costs about three times
  as much as moving it by barge, and the road itself has suffered: the district spent more on patching it
  last year than on any other single item in its budget.`,
  `Not everyone is convinced the work will last. Fishermen downstream say the dredged sand has been dumped
  in places where pike used to spawn, and an environmental group has asked the regional prosecutor to look
  at whether the permits were issued before the assessment was complete.`,
  `The regional government says they were not, and that the dumping sites were chosen with the fisheries
  inspectorate. It has promised to publish the monitoring data every quarter, beginning in January.`,
  `There is also the question of what happens when the river falls again. The dredged channel will need
  maintenance every two or three years, at a cost the consortium has not yet agreed to share. Traders
  say they will pay if the volumes justify it; the regional government says it cannot pay alone.`,
  `In the town, the mood is less about cost than about a kind of return. The quay was where people met,
  where children swam from the old pontoon and where the summer market was held. For three years it was a
  car park for trucks waiting to load.`,
  `"My father worked on the cranes, and so did I until they stopped," said Bolat Zhaksylykov, who runs the
  café by the harbour master's office. "When the barge came in, people stood on the wall and clapped. I
  have never seen people clap for a barge."`,
  `The harbour master, Yerzhan Tolegenov, is planning for more traffic than the port can yet handle. A
  second crane is being refurbished, and the warehouse roof, which collapsed under snow two winters ago,
  is due to be replaced before the autumn harvest comes in.`,
  `Other river towns are watching. Two ports further downstream have asked for the survey data, and one
  has applied for funding to dredge its own approach. Hydrologists warn that deepening one stretch can
  speed the current and move the silt elsewhere, and that the river has to be treated as one system.`,
  `For now, the barges are booked until the end of September. The next test comes with the spring flood,
  which will show whether the new channel holds its shape or fills again with the sand it was cut from.`,
  `Readers who live along the river, or who remember the port in its busier years, are invited to share
  their experience in the comments.`,
];

/** The demo's article stylesheet, inlined: the page is one document, like a cached article. */
const css = () => readFileSync(join(ROOT, 'demo/article.css'), 'utf8');

const paragraphs = (ps: readonly string[]) =>
  ps.map((p) => `      <p>${p.replace(/\s*\n\s*/g, ' ')}</p>`).join('\n');

export function articlePage(o: ArticleOptions): string {
  const comments = o.widget
    ? `    <section class="comments" aria-label="Comments">\n${o.widget}\n    </section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="Dredging brings the first loaded barge in four years to Kerbulak's rebuilt quay.">
  <title>${TITLE} — The Meridian Courier</title>
  <meta property="og:title" content="${TITLE}">
  <link rel="icon" href="data:,">
  <style>
${css()}
  </style>
${o.script ? `  <script type="module" src="${o.script}"></script>\n` : ''}</head>
<body>
  <header class="masthead">
    <a class="brand" href="/">The Meridian Courier</a>
    <nav aria-label="Sections"><a href="/">World</a> <a href="/">Economy</a> <a href="/">Opinion</a></nav>
  </header>
  <main>
    <article>
      <p class="kicker">Economy</p>
      <h1>${TITLE}</h1>
      <p class="byline">By Dinara Sultanbekova · June 12, 2026</p>
${paragraphs(LEAD)}
${o.placement === 'in-text' ? comments : ''}
${paragraphs(BODY)}
    </article>
${o.placement === 'end' ? comments : ''}
  </main>
  <footer class="site-footer">The Meridian Courier is a fictional newspaper, made up to measure Confab.</footer>
</body>
</html>
`;
}
