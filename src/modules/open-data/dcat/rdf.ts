/**
 * A tiny RDF model and three serialisations (Turtle, JSON-LD in expanded form, RDF/XML), enough
 * for the catalogue's DCAT-AP output without a dependency. Subjects are IRIs or blank nodes
 * (`_:b1`); objects are IRIs, blank nodes or literals with a language or a datatype.
 */
export type Term = { iri: string } | { bnode: string } | { value: string; lang?: string; datatype?: string };
export interface Triple {
  s: string;
  p: string;
  o: Term;
}

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcatap: 'http://data.europa.eu/r5r/',
  adms: 'http://www.w3.org/ns/adms#',
  locn: 'http://www.w3.org/ns/locn#',
} as const;

export const iri = (value: string): Term => ({ iri: value });
export const lit = (value: string, lang?: string): Term => (lang ? { value, lang } : { value });
export const typed = (value: string, datatype: string): Term => ({ value, datatype });
export const q = (prefixed: string) => {
  const [prefix, local] = prefixed.split(':') as [keyof typeof NS, string];
  return `${NS[prefix]}${local}`;
};

const escapeTurtle = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
const escapeIri = (s: string) => s.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);

function compact(full: string): string | null {
  for (const [prefix, ns] of Object.entries(NS)) {
    if (full.startsWith(ns)) {
      const local = full.slice(ns.length);
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(local)) return `${prefix}:${local}`;
    }
  }
  return null;
}

const node = (s: string) => (s.startsWith('_:') ? s : (compact(s) ?? `<${escapeIri(s)}>`));

function termTurtle(o: Term): string {
  if ('iri' in o) return node(o.iri);
  if ('bnode' in o) return o.bnode;
  const body = `"${escapeTurtle(o.value)}"`;
  if (o.lang) return `${body}@${o.lang}`;
  if (o.datatype) return `${body}^^${node(o.datatype)}`;
  return body;
}

function bySubject(triples: readonly Triple[]): Map<string, Triple[]> {
  const map = new Map<string, Triple[]>();
  for (const t of triples) {
    const list = map.get(t.s) ?? [];
    list.push(t);
    map.set(t.s, list);
  }
  return map;
}

export function toTurtle(triples: readonly Triple[]): string {
  const lines = Object.entries(NS).map(([p, ns]) => `@prefix ${p}: <${ns}> .`);
  lines.push('');
  for (const [subject, list] of bySubject(triples)) {
    const parts = list.map((t) => `${t.p === NS.rdf + 'type' ? 'a' : node(t.p)} ${termTurtle(t.o)}`);
    lines.push(`${node(subject)}\n    ${parts.join(' ;\n    ')} .\n`);
  }
  return lines.join('\n');
}

export function toJsonLd(triples: readonly Triple[]): string {
  const graph = [...bySubject(triples)].map(([subject, list]) => {
    const entry: Record<string, unknown> = { '@id': subject };
    for (const t of list) {
      if (t.p === NS.rdf + 'type' && 'iri' in t.o) {
        ((entry['@type'] ??= []) as string[]).push(t.o.iri);
        continue;
      }
      const value = 'iri' in t.o ? { '@id': t.o.iri } : 'bnode' in t.o ? { '@id': t.o.bnode } : { '@value': t.o.value, ...(t.o.lang ? { '@language': t.o.lang } : {}), ...(t.o.datatype ? { '@type': t.o.datatype } : {}) };
      ((entry[t.p] ??= []) as unknown[]).push(value);
    }
    return entry;
  });
  return JSON.stringify({ '@graph': graph }, null, 1);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toRdfXml(triples: readonly Triple[]): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', `<rdf:RDF ${Object.entries(NS).map(([p, ns]) => `xmlns:${p}="${ns}"`).join(' ')}>`];
  for (const [subject, list] of bySubject(triples)) {
    out.push(subject.startsWith('_:') ? `  <rdf:Description rdf:nodeID="${subject.slice(2)}">` : `  <rdf:Description rdf:about="${escapeXml(subject)}">`);
    for (const t of list) {
      const name = compact(t.p);
      if (!name) throw new Error(`no prefix for ${t.p}`);
      if ('iri' in t.o) out.push(`    <${name} rdf:resource="${escapeXml(t.o.iri)}"/>`);
      else if ('bnode' in t.o) out.push(`    <${name} rdf:nodeID="${t.o.bnode.slice(2)}"/>`);
      else {
        const attrs = t.o.lang ? ` xml:lang="${t.o.lang}"` : t.o.datatype ? ` rdf:datatype="${escapeXml(t.o.datatype)}"` : '';
        out.push(`    <${name}${attrs}>${escapeXml(t.o.value)}</${name}>`);
      }
    }
    out.push('  </rdf:Description>');
  }
  out.push('</rdf:RDF>', '');
  return out.join('\n');
}
