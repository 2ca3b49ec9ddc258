/** Facts the list does not carry, read from the domain's XML with the browser's own parser. */
export interface XmlFacts {
  readonly osType: string | null;
  readonly arch: string | null;
  readonly machine: string | null;
  readonly domainType: string | null;
}

export function xmlFacts(text: string): XmlFacts {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const type = doc.querySelector('domain > os > type');
  return {
    osType: type?.textContent.trim() ?? null,
    arch: type?.getAttribute('arch') ?? null,
    machine: type?.getAttribute('machine') ?? null,
    domainType: doc.documentElement.getAttribute('type'),
  };
}
