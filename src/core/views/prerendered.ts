import type { ComponentChildren, VNode } from 'preact';
import { Fragment, h } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';

interface Node {
  html?: Map<string, string>;
  next?: WeakMap<object, Node>;
}
const roots = new WeakMap<object, Node>();

/**
 * A subtree rendered to HTML once and then emitted as is, for parts of a page that are the same on
 * every request (the footer, the home page's model): rendering them again cost more than the rest
 * of the request. The HTML is preact's own output, escaped as usual; nothing else can get in, since
 * this takes components, not strings.
 *
 * `owners` are the objects the subtree is derived from (the translator, which stands for the
 * catalog and locale; the module list; a set of loaded figures): entries live as long as they do,
 * so figures reloaded after their TTL bring a fresh rendering and the old one is collected. `name`
 * tells apart the subtrees of the same owners and must come from a small fixed set (include the
 * locale in it). `render` may use nothing else that varies: never the CSRF token, the actor or a
 * flash message. The subtree must be plain HTML (not inside `<svg>` or `<select>`, whose rendering
 * depends on the parent).
 */
export function prerendered(owners: readonly [object, ...object[]], name: string, render: () => ComponentChildren): VNode {
  let map = roots;
  let node: Node | undefined;
  for (const owner of owners) {
    node = map.get(owner);
    if (!node) map.set(owner, (node = {}));
    map = node.next ??= new WeakMap();
  }
  const byName = (node!.html ??= new Map());
  let html = byName.get(name);
  if (html === undefined) {
    html = renderToString(h(Fragment, null, render()));
    byName.set(name, html);
  }
  return rawHtml(html);
}

/**
 * A fragment whose HTML goes out unescaped and without a wrapper element, through the template
 * vnodes preact-render-to-string supports for precompiled JSX (`jsxTemplate`). Kept private: only
 * HTML this module rendered itself reaches it.
 */
function rawHtml(html: string): VNode {
  return jsxTemplate([html]);
}
