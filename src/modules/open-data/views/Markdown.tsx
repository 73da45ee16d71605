import type { ComponentChildren, VNode } from 'preact';

/**
 * A safe subset of Markdown rendered to Preact nodes (never to an HTML string): paragraphs,
 * headings (rendered one level below the page's), bullet and numbered lists, **bold**, *italic*,
 * `code` and [links](https://…). Raw HTML in the source is shown as text, because every piece of
 * text goes through Preact's escaping; links only to http(s), mailto or local paths.
 */
export function Markdown(props: { source: string; headingLevel?: number }) {
  return <div class="markdown">{renderBlocks(props.source, props.headingLevel ?? 3)}</div>;
}

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/))/i;
const INLINE = /(\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/;

export function renderInline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let rest = text;
  for (let guard = 0; rest && guard < 1000; guard++) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index > 0) out.push(rest.slice(0, match.index));
    if (match[2] !== undefined) out.push(<strong>{match[2]}</strong>);
    else if (match[3] !== undefined) out.push(<em>{match[3]}</em>);
    else if (match[4] !== undefined) out.push(<code>{match[4]}</code>);
    else if (match[5] !== undefined) out.push(SAFE_HREF.test(match[6]!) ? <a href={match[6]}>{match[5]}</a> : match[5]);
    rest = rest.slice(match.index + match[0].length);
  }
  return out;
}

function renderBlocks(source: string, headingLevel: number): VNode[] {
  const blocks: VNode[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push(<p>{renderInline(paragraph.join(' '))}</p>);
    paragraph = [];
    if (list) blocks.push(list.ordered ? <ol>{list.items.map((i) => <li>{renderInline(i)}</li>)}</ol> : <ul>{list.items.map((i) => <li>{renderInline(i)}</li>)}</ul>);
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      const level = Math.min(6, headingLevel + heading[1]!.length - 1);
      const H = `h${level}` as 'h3';
      blocks.push(<H>{renderInline(heading[2]!)}</H>);
    } else if (bullet || numbered) {
      const ordered = !bullet;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** The first paragraph as plain text (for summaries and meta descriptions). */
export function plainSummary(source: string, max = 220): string {
  const first = source.split(/\n\s*\n/)[0] ?? '';
  const plain = first.replace(/[#*`]/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
