import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { prerendered } from './prerendered.ts';

describe('prerendered', () => {
  it('emits what preact rendered, escaped as usual, without a wrapper element', () => {
    const owner = {};
    const fragment = () => prerendered([owner], 'part:es', () => <p title={'"x"'}>{'<b>1 & 2</b>'}</p>);
    const html = renderToString(
      <main>
        <h1>A</h1>
        {fragment()}
        <ul>{[fragment(), 'y']}</ul>
      </main>,
    );
    expect(html).toBe('<main><h1>A</h1><p title="&quot;x&quot;">&lt;b>1 &amp; 2&lt;/b></p><ul><p title="&quot;x&quot;">&lt;b>1 &amp; 2&lt;/b></p>y</ul></main>');
  });

  it('renders once per owners and name, and again for other owners or another name', () => {
    const t = {};
    const figures = [{ value: 1 }];
    let renders = 0;
    const part = (owners: [object, ...object[]], name: string) =>
      renderToString(
        prerendered(owners, name, () => {
          renders += 1;
          return <span>{renders}</span>;
        }),
      );
    expect(part([t, figures], 'figures:es')).toBe('<span>1</span>');
    expect(part([t, figures], 'figures:es')).toBe('<span>1</span>');
    expect(renders).toBe(1);
    expect(part([t, figures], 'figures:en')).toBe('<span>2</span>');
    // Figures loaded again: a new owner, so a new rendering.
    expect(part([t, [{ value: 2 }]], 'figures:es')).toBe('<span>3</span>');
    // The owners are told apart by their position, not only by their set.
    expect(part([figures, t], 'figures:es')).toBe('<span>4</span>');
    expect(part([t], 'figures:es')).toBe('<span>5</span>');
    expect(renders).toBe(5);
  });
});
